-- Monthly sums of the stored scorecards, so the managers' dashboard reads a few thousand rows
-- instead of aggregating every step and control-area row of every finished drill on each request
-- (10,000 drills are half a million step rows). A month is a UTC calendar month, kept as its first
-- day. The sums are rebuilt from the stored rows: for one team's month whenever a drill's rows are
-- written, and all of them at start while built_at is NULL (as after this migration), so the
-- stored rows stay the only thing they are derived from. The dashboard adds the stored rows of a
-- partial month at the edges of a date filter itself.
CREATE TABLE stored_month_score (
    scenario_id     VARCHAR(100)   NOT NULL,
    team_name       VARCHAR(100)   NOT NULL,
    month_start     DATE           NOT NULL,
    scores          INTEGER        NOT NULL,
    percentage_sum  NUMERIC(14, 1) NOT NULL,
    PRIMARY KEY (scenario_id, team_name, month_start)
);

CREATE TABLE stored_month_control (
    scenario_id     VARCHAR(100)   NOT NULL,
    team_name       VARCHAR(100)   NOT NULL,
    month_start     DATE           NOT NULL,
    control         VARCHAR        NOT NULL,
    scores          INTEGER        NOT NULL,
    percentage_sum  NUMERIC(14, 1) NOT NULL,
    PRIMARY KEY (scenario_id, team_name, month_start, control)
);

CREATE TABLE stored_month_step (
    scenario_id  VARCHAR(100)  NOT NULL,
    team_name    VARCHAR(100)  NOT NULL,
    month_start  DATE          NOT NULL,
    step_id      VARCHAR       NOT NULL,
    title        VARCHAR       NOT NULL,
    on_time      INTEGER       NOT NULL,
    late         INTEGER       NOT NULL,
    missed       INTEGER       NOT NULL,
    harmed       INTEGER       NOT NULL,
    PRIMARY KEY (scenario_id, team_name, month_start, step_id)
);

-- In how many drills finished in the month each control area (kind 'control') or technique (kind
-- 'technique') was exercised.
CREATE TABLE stored_month_coverage (
    month_start  DATE         NOT NULL,
    kind         VARCHAR(10)  NOT NULL,
    item         VARCHAR      NOT NULL,
    drills       INTEGER      NOT NULL,
    PRIMARY KEY (month_start, kind, item)
);

-- One row: its lock serialises the rebuilding of sums across nodes; built_at NULL means the sums
-- must be rebuilt whole at the next start.
CREATE TABLE stored_month_state (
    id        INTEGER  NOT NULL PRIMARY KEY,
    built_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT stored_month_state_single_row CHECK (id = 1)
);
INSERT INTO stored_month_state (id, built_at) VALUES (1, NULL);

-- A team's month is rebuilt by scenario, team and finish time; the dashboard's page of drills is
-- read newest first.
CREATE INDEX stored_score_by_scenario_team ON stored_score (scenario_id, team_name, finished_at);
CREATE INDEX stored_score_by_finish_drill ON stored_score (finished_at, drill_id);
DROP INDEX stored_score_by_finish;
