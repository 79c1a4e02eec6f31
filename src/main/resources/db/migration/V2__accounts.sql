-- Staff accounts, their roles, server-side sessions and the append-only audit log.
CREATE SEQUENCE app_user_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE app_user (
    id                     BIGINT        NOT NULL PRIMARY KEY,
    email                  VARCHAR(254)  NOT NULL,
    display_name           VARCHAR(100)  NOT NULL,
    -- bcrypt; NULL until an invitation is accepted (or for single-sign-on-only accounts)
    password_hash          VARCHAR(100),
    enabled                BOOLEAN       NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login_at          TIMESTAMP WITH TIME ZONE,
    invitation_hash        VARCHAR(64),
    invitation_expires_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT app_user_email_unique UNIQUE (email),
    CONSTRAINT app_user_invitation_unique UNIQUE (invitation_hash)
);

CREATE TABLE user_role (
    user_id  BIGINT       NOT NULL REFERENCES app_user (id),
    role     VARCHAR(20)  NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Only the first admin's creation inserts the single row, so two racing set-ups cannot both win.
CREATE TABLE installation (
    id         INTEGER  NOT NULL PRIMARY KEY,
    set_up_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT installation_single_row CHECK (id = 1)
);

-- The cookie holds a random token; only its SHA-256 is stored, so a leaked table opens nothing.
CREATE TABLE user_session (
    token_hash      VARCHAR(64)   NOT NULL PRIMARY KEY,
    user_id         BIGINT        REFERENCES app_user (id),
    participant_id  BIGINT,
    drill_id        BIGINT,
    team_id         BIGINT,
    display_name    VARCHAR(100)  NOT NULL,
    address         VARCHAR(64),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT user_session_one_owner CHECK ((user_id IS NULL) <> (participant_id IS NULL))
);

CREATE INDEX user_session_by_user ON user_session (user_id);
CREATE INDEX user_session_by_expiry ON user_session (expires_at);

CREATE SEQUENCE audit_entry_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE audit_entry (
    id             BIGINT         NOT NULL PRIMARY KEY,
    at             TIMESTAMP WITH TIME ZONE NOT NULL,
    action         VARCHAR(40)    NOT NULL,
    actor          VARCHAR(254)   NOT NULL,
    actor_user_id  BIGINT,
    address        VARCHAR(64),
    subject        VARCHAR(254),
    detail         VARCHAR(2000)
);

CREATE INDEX audit_entry_by_at ON audit_entry (at);
CREATE INDEX audit_entry_by_subject ON audit_entry (action, subject, at);
CREATE INDEX audit_entry_by_address ON audit_entry (action, address, at);
