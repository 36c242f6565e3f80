-- Operators list a system's actors, or a template's instances, a page at a time in name order (keyset
-- pagination): the primary key serves the first, this index the second. It replaces the (system, parent) index,
-- which is its prefix.
CREATE INDEX ix_spawn_actor_snapshot_parent_name ON spawn_actor_snapshot (actor_system, parent, actor_name);
DROP INDEX ix_spawn_actor_snapshot_parent;
-- Operators list a system's delayed calls and timers a page at a time in id order.
CREATE INDEX ix_spawn_scheduled_invocation_system_id ON spawn_scheduled_invocation (actor_system, id);
