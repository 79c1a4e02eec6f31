-- The improvement plan of an after-action report: one item per playbook step a team missed, did
-- late or harmed, seeded from the drill's log and then owned by people, so it is stored.
CREATE SEQUENCE improvement_item_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE improvement_item (
    id                 BIGINT         NOT NULL PRIMARY KEY,
    drill_id           BIGINT         NOT NULL REFERENCES drill (id),
    step_id            VARCHAR(100)   NOT NULL,
    issue              VARCHAR(1000)  NOT NULL,
    corrective_action  VARCHAR(2000)  NOT NULL,
    control_area       VARCHAR(100)   NOT NULL,
    owner_name         VARCHAR(100),
    due_date           DATE,
    status             VARCHAR(20)    NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT improvement_item_one_per_step UNIQUE (drill_id, step_id),
    CONSTRAINT improvement_item_status_known CHECK (status IN ('open', 'in-progress', 'closed'))
);

CREATE INDEX improvement_item_by_status ON improvement_item (status, control_area);
