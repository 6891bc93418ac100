-- Version 1: episodes, their triggers and relief, day check-ins, and a revision counter.
-- started_at is local wall-clock time as 'YYYY-MM-DDTHH:MM:SS'; text sorts as time.

CREATE TABLE episode (
    id               INTEGER PRIMARY KEY,
    submission_id    TEXT    NOT NULL UNIQUE,
    started_at       TEXT    NOT NULL,
    region           TEXT    NOT NULL,
    side             TEXT    CHECK (side IN ('left', 'right', 'both')),
    severity         INTEGER CHECK (severity BETWEEN 0 AND 10),
    duration_seconds INTEGER CHECK (duration_seconds BETWEEN 0 AND 43200),
    helped           TEXT    CHECK (helped IN ('yes', 'partly', 'no')),
    notes            TEXT    NOT NULL DEFAULT '' CHECK (length(notes) <= 1000)
);
CREATE INDEX episode_started_at ON episode (started_at);

-- Key columns come first: SQLite 3.40's integrity_check misreads NOT NULL columns placed
-- between the key columns of a WITHOUT ROWID table.
CREATE TABLE episode_trigger (
    episode_id INTEGER NOT NULL REFERENCES episode (id) ON DELETE CASCADE,
    trigger    TEXT    NOT NULL CHECK (length(trigger) BETWEEN 1 AND 40),
    position   INTEGER NOT NULL,
    PRIMARY KEY (episode_id, trigger)
) WITHOUT ROWID;
CREATE INDEX episode_trigger_by_name ON episode_trigger (trigger);

CREATE TABLE episode_relief (
    episode_id INTEGER NOT NULL REFERENCES episode (id) ON DELETE CASCADE,
    relief     TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (episode_id, relief)
) WITHOUT ROWID;

-- Days someone noted what happened (cramp or not), so associations can compare days.
CREATE TABLE checked_day (
    day TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TABLE day_trigger (
    day     TEXT NOT NULL REFERENCES checked_day (day) ON DELETE CASCADE,
    trigger TEXT NOT NULL CHECK (length(trigger) BETWEEN 1 AND 40),
    PRIMARY KEY (day, trigger)
) WITHOUT ROWID;

-- Bumped by every write, so cached reads know when they are stale.
CREATE TABLE revision (
    only  INTEGER PRIMARY KEY CHECK (only = 1),
    value INTEGER NOT NULL
);
INSERT INTO revision (only, value) VALUES (1, 0);
