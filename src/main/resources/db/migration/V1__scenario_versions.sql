-- Every distinct text of a scenario file that was ever loaded, so a drill can freeze the exact
-- version it ran and an edited file never rewrites history.
CREATE SEQUENCE scenario_version_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE scenario_version (
    id            BIGINT        NOT NULL PRIMARY KEY,
    scenario_id   VARCHAR(100)  NOT NULL,
    content_hash  VARCHAR(64)   NOT NULL,
    title         VARCHAR(500)  NOT NULL,
    file_name     VARCHAR(500)  NOT NULL,
    source        VARCHAR(1048576) NOT NULL,
    loaded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT scenario_version_unique UNIQUE (scenario_id, content_hash)
);

CREATE INDEX scenario_version_by_scenario ON scenario_version (scenario_id, loaded_at);
