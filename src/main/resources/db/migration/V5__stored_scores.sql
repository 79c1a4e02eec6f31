-- Stored scorecards: each finished drill's score per team, written in the transaction that
-- finished (or later adjusted) the drill, so the managers' dashboard reads rows instead of
-- replaying every drill's log on every request. The log stays the truth: these rows are rebuilt
-- from it whenever a finished drill changes, and a start-up backfill fills in any that are missing.
CREATE TABLE stored_score (
    team_id      BIGINT         NOT NULL PRIMARY KEY REFERENCES team (id),
    drill_id     BIGINT         NOT NULL REFERENCES drill (id),
    drill_title  VARCHAR(200)   NOT NULL,
    team_name    VARCHAR(100)   NOT NULL,
    scenario_id  VARCHAR(100)   NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seq     BIGINT         NOT NULL,
    earned       NUMERIC(12, 3) NOT NULL,
    maximum      INTEGER        NOT NULL,
    percentage   NUMERIC(5, 1)  NOT NULL,
    -- the automatic score plus facilitators' adjustments, kept beside it as the scorecard does
    adjusted_earned      NUMERIC(12, 3) NOT NULL,
    adjusted_percentage  NUMERIC(5, 1)  NOT NULL
);

CREATE INDEX stored_score_by_drill ON stored_score (drill_id);
CREATE INDEX stored_score_by_finish ON stored_score (finished_at);

-- Step ids, control areas and step titles have no length limit in a scenario file, so these
-- columns have none either: a long title must never make finishing a drill fail.
CREATE TABLE stored_score_control (
    team_id     BIGINT         NOT NULL REFERENCES stored_score (team_id),
    control     VARCHAR        NOT NULL,
    earned      NUMERIC(12, 3) NOT NULL,
    maximum     INTEGER        NOT NULL,
    percentage  NUMERIC(5, 1)  NOT NULL,
    PRIMARY KEY (team_id, control)
);

CREATE TABLE stored_score_step (
    team_id  BIGINT         NOT NULL REFERENCES stored_score (team_id),
    step_id  VARCHAR        NOT NULL,
    title    VARCHAR        NOT NULL,
    control  VARCHAR        NOT NULL,
    status   VARCHAR(10)    NOT NULL,
    credit   NUMERIC(12, 3) NOT NULL,
    PRIMARY KEY (team_id, step_id)
);

-- The ATT&CK and ATLAS techniques of the frozen scenario a finished drill ran.
CREATE TABLE stored_drill_technique (
    drill_id   BIGINT        NOT NULL REFERENCES drill (id),
    technique  VARCHAR(40)   NOT NULL,
    PRIMARY KEY (drill_id, technique)
);
