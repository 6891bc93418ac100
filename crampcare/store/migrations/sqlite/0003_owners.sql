-- Version 3: every row belongs to an owner. A journal kept on one computer belongs to
-- "local"; on a hosted server each account's journal belongs to its provider's issuer and
-- subject. Tables are rebuilt with the owner in their keys; existing rows become "local".
-- Runs with foreign keys off (see SQLiteJournal.migrate), so dropping a table cascades nothing.

CREATE TABLE episode_new (
    id               INTEGER PRIMARY KEY,
    owner            TEXT    NOT NULL,
    submission_id    TEXT    NOT NULL,
    started_at       TEXT    NOT NULL,
    region           TEXT    NOT NULL,
    side             TEXT    CHECK (side IN ('left', 'right', 'both')),
    severity         INTEGER CHECK (severity BETWEEN 0 AND 10),
    duration_seconds INTEGER CHECK (duration_seconds BETWEEN 0 AND 43200),
    helped           TEXT    CHECK (helped IN ('yes', 'partly', 'no')),
    notes            TEXT    NOT NULL DEFAULT '' CHECK (length(notes) <= 1000),
    UNIQUE (owner, submission_id)
);
INSERT INTO episode_new
SELECT id, 'local', submission_id, started_at, region, side, severity, duration_seconds,
       helped, notes
FROM episode;

CREATE TABLE episode_trigger_new (
    episode_id INTEGER NOT NULL REFERENCES episode (id) ON DELETE CASCADE,
    trigger    TEXT    NOT NULL CHECK (length(trigger) BETWEEN 1 AND 40),
    owner      TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (episode_id, trigger)
) WITHOUT ROWID;
INSERT INTO episode_trigger_new SELECT episode_id, trigger, 'local', position FROM episode_trigger;

CREATE TABLE episode_relief_new (
    episode_id INTEGER NOT NULL REFERENCES episode (id) ON DELETE CASCADE,
    relief     TEXT    NOT NULL,
    owner      TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (episode_id, relief)
) WITHOUT ROWID;
INSERT INTO episode_relief_new SELECT episode_id, relief, 'local', position FROM episode_relief;

CREATE TABLE checked_day_new (
    owner TEXT NOT NULL,
    day   TEXT NOT NULL,
    PRIMARY KEY (owner, day)
) WITHOUT ROWID;
INSERT INTO checked_day_new SELECT 'local', day FROM checked_day;

CREATE TABLE day_trigger_new (
    owner   TEXT NOT NULL,
    day     TEXT NOT NULL,
    trigger TEXT NOT NULL CHECK (length(trigger) BETWEEN 1 AND 40),
    PRIMARY KEY (owner, day, trigger),
    FOREIGN KEY (owner, day) REFERENCES checked_day (owner, day) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO day_trigger_new SELECT 'local', day, trigger FROM day_trigger;

CREATE TABLE revision_new (
    owner TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO revision_new SELECT 'local', value FROM revision WHERE value > 0;

DROP TABLE day_trigger;
DROP TABLE checked_day;
DROP TABLE episode_relief;
DROP TABLE episode_trigger;
DROP TABLE episode;
DROP TABLE revision;
ALTER TABLE episode_new RENAME TO episode;
ALTER TABLE episode_trigger_new RENAME TO episode_trigger;
ALTER TABLE episode_relief_new RENAME TO episode_relief;
ALTER TABLE checked_day_new RENAME TO checked_day;
ALTER TABLE day_trigger_new RENAME TO day_trigger;
ALTER TABLE revision_new RENAME TO revision;
CREATE INDEX episode_by_owner_time ON episode (owner, started_at);
CREATE INDEX episode_trigger_by_name ON episode_trigger (owner, trigger);

-- The per-day summaries, keyed by owner too, recomputed from the episodes.
DROP TABLE episode_daily;
DROP TABLE trigger_daily;
DROP TABLE relief_daily;

CREATE TABLE episode_daily (
    owner        TEXT    NOT NULL,
    day          TEXT    NOT NULL,
    region       TEXT    NOT NULL,
    hour         INTEGER NOT NULL,
    episodes     INTEGER NOT NULL,
    severity_sum INTEGER NOT NULL,
    severity_n   INTEGER NOT NULL,
    PRIMARY KEY (owner, day, region, hour)
) WITHOUT ROWID;

CREATE TABLE trigger_daily (
    owner    TEXT    NOT NULL,
    day      TEXT    NOT NULL,
    region   TEXT    NOT NULL,
    trigger  TEXT    NOT NULL,
    episodes INTEGER NOT NULL,
    PRIMARY KEY (owner, day, region, trigger)
) WITHOUT ROWID;

CREATE TABLE relief_daily (
    owner    TEXT    NOT NULL,
    day      TEXT    NOT NULL,
    region   TEXT    NOT NULL,
    relief   TEXT    NOT NULL,
    helped   TEXT    NOT NULL,
    episodes INTEGER NOT NULL,
    PRIMARY KEY (owner, day, region, relief, helped)
) WITHOUT ROWID;

INSERT INTO episode_daily
SELECT owner, date(started_at), region, CAST(strftime('%H', started_at) AS INTEGER), count(*),
       coalesce(sum(severity), 0), count(severity)
FROM episode GROUP BY 1, 2, 3, 4;

INSERT INTO trigger_daily
SELECT e.owner, date(e.started_at), e.region, t.trigger, count(*)
FROM episode_trigger t JOIN episode e ON e.id = t.episode_id GROUP BY 1, 2, 3, 4;

INSERT INTO relief_daily
SELECT e.owner, date(e.started_at), e.region, r.relief, coalesce(e.helped, ''), count(*)
FROM episode_relief r JOIN episode e ON e.id = r.episode_id GROUP BY 1, 2, 3, 4, 5;
