-- A dry run: a facilitator plays a scenario alone, as one team at high speed, to try it out. It is
-- an ordinary drill in every way the engine cares about; this flag keeps it out of what managers
-- and evaluators read (stored scores, the dashboard, evaluations, improvement plans).
ALTER TABLE drill ADD COLUMN dry_run BOOLEAN DEFAULT FALSE NOT NULL;
