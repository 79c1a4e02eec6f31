-- The drill engine: every drill freezes the scenario version it runs, and everything that happens
-- to it is an appended event. status and next_due_at are projections of the log, kept in the same
-- transaction as each append so the dispatcher can find due drills with one indexed query.
ALTER TABLE drill ADD COLUMN scenario_version_id BIGINT;
ALTER TABLE drill ADD CONSTRAINT drill_scenario_version
    FOREIGN KEY (scenario_version_id) REFERENCES scenario_version (id);
UPDATE drill SET scenario_version_id =
    (SELECT max(v.id) FROM scenario_version v WHERE v.scenario_id = drill.scenario_id);
ALTER TABLE drill ADD COLUMN status VARCHAR(20) DEFAULT 'draft' NOT NULL;
ALTER TABLE drill ADD COLUMN next_due_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX drill_next_due ON drill (next_due_at);

CREATE SEQUENCE drill_event_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE drill_event (
    id           BIGINT        NOT NULL PRIMARY KEY,
    drill_id     BIGINT        NOT NULL REFERENCES drill (id),
    seq          BIGINT        NOT NULL,
    type         VARCHAR(40)   NOT NULL,
    team_id      BIGINT        REFERENCES team (id),
    -- the inject id of a scenario inject's delivery, or decision:<id> for a decision's outcome
    once_key     VARCHAR(120),
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    drill_ms     BIGINT        NOT NULL,
    actor        VARCHAR(200),
    data         VARCHAR(20000) NOT NULL,
    CONSTRAINT drill_event_seq_unique UNIQUE (drill_id, seq),
    CONSTRAINT drill_event_once UNIQUE (drill_id, team_id, once_key)
);
