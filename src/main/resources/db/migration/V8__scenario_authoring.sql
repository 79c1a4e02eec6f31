-- Scenarios written in the browser live beside those of the scenarios folder: every save is a new
-- version with who saved it and why. A version's origin says where its text came from.
ALTER TABLE scenario_version ADD COLUMN origin VARCHAR(20) DEFAULT 'folder' NOT NULL;
ALTER TABLE scenario_version ADD COLUMN author VARCHAR(200);
ALTER TABLE scenario_version ADD COLUMN change_note VARCHAR(500);
