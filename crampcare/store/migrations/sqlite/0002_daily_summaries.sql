-- Version 2: per-day summaries that the charts read, so their cost follows the number of
-- days in a range, not the number of episodes. Kept up to date inside every write.

CREATE TABLE episode_daily (
    day          TEXT    NOT NULL,
    region       TEXT    NOT NULL,
    hour         INTEGER NOT NULL,
    episodes     INTEGER NOT NULL,
    severity_sum INTEGER NOT NULL,
    severity_n   INTEGER NOT NULL,
    PRIMARY KEY (day, region, hour)
) WITHOUT ROWID;

CREATE TABLE trigger_daily (
    day      TEXT    NOT NULL,
    region   TEXT    NOT NULL,
    trigger  TEXT    NOT NULL,
    episodes INTEGER NOT NULL,
    PRIMARY KEY (day, region, trigger)
) WITHOUT ROWID;

-- helped is '' when not recorded, so it can be part of the key.
CREATE TABLE relief_daily (
    day      TEXT    NOT NULL,
    region   TEXT    NOT NULL,
    relief   TEXT    NOT NULL,
    helped   TEXT    NOT NULL,
    episodes INTEGER NOT NULL,
    PRIMARY KEY (day, region, relief, helped)
) WITHOUT ROWID;

INSERT INTO episode_daily
SELECT date(started_at), region, CAST(strftime('%H', started_at) AS INTEGER), count(*),
       coalesce(sum(severity), 0), count(severity)
FROM episode GROUP BY 1, 2, 3;

INSERT INTO trigger_daily
SELECT date(e.started_at), e.region, t.trigger, count(*)
FROM episode_trigger t JOIN episode e ON e.id = t.episode_id GROUP BY 1, 2, 3;

INSERT INTO relief_daily
SELECT date(e.started_at), e.region, r.relief, coalesce(e.helped, ''), count(*)
FROM episode_relief r JOIN episode e ON e.id = r.episode_id GROUP BY 1, 2, 3, 4;
