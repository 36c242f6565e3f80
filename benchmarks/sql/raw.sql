INSERT INTO bench_raw_state (actor_system, actor_name, revision, state_bytes, updated_at)
VALUES ('bench', 'a' || :client_id, 1, '\x0801', 1) ON CONFLICT (actor_system, actor_name) DO UPDATE
SET revision = bench_raw_state.revision + 1, state_bytes = EXCLUDED.state_bytes, updated_at = EXCLUDED.updated_at;
