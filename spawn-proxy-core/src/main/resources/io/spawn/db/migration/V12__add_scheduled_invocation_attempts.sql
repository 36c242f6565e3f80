-- How often the current occurrence of a delayed call or timer action was claimed without completing, for
-- operators: 1 while it runs, more when it was refused or its claimer died.
ALTER TABLE spawn_scheduled_invocation ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
