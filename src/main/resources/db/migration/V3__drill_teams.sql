-- The first part of a drill: who runs it, its teams, their join links and the participants who
-- joined. The drill engine adds the clock and the event log.
CREATE SEQUENCE drill_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE drill (
    id              BIGINT        NOT NULL PRIMARY KEY,
    title           VARCHAR(200)  NOT NULL,
    scenario_id     VARCHAR(100)  NOT NULL,
    facilitator_id  BIGINT        NOT NULL REFERENCES app_user (id),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE SEQUENCE team_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE team (
    id        BIGINT        NOT NULL PRIMARY KEY,
    drill_id  BIGINT        NOT NULL REFERENCES drill (id),
    name      VARCHAR(100)  NOT NULL,
    CONSTRAINT team_name_unique UNIQUE (drill_id, name)
);

CREATE SEQUENCE join_link_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE join_link (
    id          BIGINT       NOT NULL PRIMARY KEY,
    team_id     BIGINT       NOT NULL REFERENCES team (id),
    token       VARCHAR(64)  NOT NULL,
    note        VARCHAR(200),
    created_by  BIGINT       NOT NULL REFERENCES app_user (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT join_link_token_unique UNIQUE (token)
);

CREATE SEQUENCE participant_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE participant (
    id            BIGINT        NOT NULL PRIMARY KEY,
    team_id       BIGINT        NOT NULL REFERENCES team (id),
    join_link_id  BIGINT        NOT NULL REFERENCES join_link (id),
    display_name  VARCHAR(60)   NOT NULL,
    team_role     VARCHAR(100)  NOT NULL,
    joined_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX participant_by_team ON participant (team_id);

ALTER TABLE user_session ADD CONSTRAINT user_session_participant
    FOREIGN KEY (participant_id) REFERENCES participant (id);
