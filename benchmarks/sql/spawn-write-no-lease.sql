WITH input AS (SELECT * FROM unnest(ARRAY['bench']::varchar[], ARRAY['a' || :client_id]::varchar[],
 ARRAY[NULL]::varchar[], ARRAY[(SELECT revision FROM spawn_actor_snapshot WHERE actor_system = 'bench' AND actor_name = 'a' || :client_id)]::bigint[],
 ARRAY['type.googleapis.com/google.protobuf.Int64Value']::varchar[], ARRAY['\x0801'::bytea]::bytea[], ARRAY['{}']::text[])
 AS t(actor_system, actor_name, parent, expected, state_type, state_bytes, tags)),
 leased AS (SELECT i.* FROM input i WHERE true),
 written AS (INSERT INTO spawn_actor_snapshot AS s (actor_system, actor_name, parent, revision,
 state_type, state_bytes, tags, key_id, status, node, created_at, updated_at)
 SELECT x.actor_system, x.actor_name, x.parent, x.expected + 1, x.state_type, x.state_bytes, x.tags,
 NULL, 'ACTIVE', 'bench-node', 1, 1 FROM leased x
 ON CONFLICT (actor_system, actor_name) DO UPDATE SET parent = EXCLUDED.parent,
 revision = EXCLUDED.revision, state_type = EXCLUDED.state_type, state_bytes = EXCLUDED.state_bytes,
 tags = EXCLUDED.tags, key_id = EXCLUDED.key_id, node = EXCLUDED.node, updated_at = EXCLUDED.updated_at
 WHERE s.revision = EXCLUDED.revision - 1
 RETURNING s.actor_system, s.actor_name, s.revision),
 history AS (INSERT INTO spawn_actor_snapshot_history (actor_system, actor_name, revision, parent,
 state_type, state_bytes, tags, key_id, node, created_at) SELECT w.actor_system, w.actor_name,
 w.revision, i.parent, i.state_type, i.state_bytes, i.tags, NULL, 'bench-node', 1
 FROM written w JOIN input i ON i.actor_system = w.actor_system AND i.actor_name = w.actor_name)
 SELECT actor_system, actor_name FROM written;
