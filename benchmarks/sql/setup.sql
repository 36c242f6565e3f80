-- Schema of the write-path breakdown (benchmarks/pg-write-breakdown.sh): Spawn's tables as migrations V1-V3 create
-- them, the raw table of benchmark 3, and leases held by 'bench-node' for every actor the clients write.
DROP TABLE IF EXISTS spawn_actor_snapshot, spawn_actor_snapshot_history, spawn_actor_lease, bench_raw_state;
\i ../../spawn-proxy-core/src/main/resources/io/spawn/db/migration/V1__create_actor_snapshot.sql
\i ../../spawn-proxy-core/src/main/resources/io/spawn/db/migration/V2__create_actor_snapshot_history.sql
\i ../../spawn-proxy-core/src/main/resources/io/spawn/db/migration/V3__create_actor_lease.sql
CREATE TABLE bench_raw_state (actor_system VARCHAR(255) NOT NULL, actor_name VARCHAR(255) NOT NULL,
    revision BIGINT NOT NULL, state_bytes BYTEA NOT NULL, updated_at BIGINT NOT NULL,
    PRIMARY KEY (actor_system, actor_name));
INSERT INTO spawn_actor_lease SELECT 'bench', 'a' || g, 'bench-node', 0, 9000000000000 FROM generate_series(0, 1024) g;
INSERT INTO spawn_actor_snapshot SELECT 'bench', 'a' || g, NULL, 0, 'type.googleapis.com/google.protobuf.Int64Value',
    '\x0801', '{}', NULL, 'ACTIVE', 'bench-node', 0, 0 FROM generate_series(0, 1024) g;
INSERT INTO spawn_actor_lease SELECT 'bench', 'b' || g, 'bench-node', 0, 9000000000000 FROM generate_series(0, 1024) g;
INSERT INTO spawn_actor_snapshot SELECT 'bench', 'b' || g, NULL, 0, 'type.googleapis.com/google.protobuf.Int64Value',
    '\x0801', '{}', NULL, 'ACTIVE', 'bench-node', 0, 0 FROM generate_series(0, 1024) g;
ANALYZE;
