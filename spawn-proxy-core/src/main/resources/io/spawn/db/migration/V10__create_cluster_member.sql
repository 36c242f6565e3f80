-- Members of a cluster sharing this database: each member upserts its row every heartbeat; a row whose heartbeat
-- is older than the member timeout belongs to a dead member. Leases, not this table, fence single activation.
CREATE TABLE spawn_cluster_member (
    node_id      VARCHAR(255) NOT NULL,
    address      VARCHAR(512) NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    started_at   BIGINT       NOT NULL,
    heartbeat_at BIGINT       NOT NULL,
    CONSTRAINT spawn_cluster_member_pk PRIMARY KEY (node_id)
);
