-- Earlier revisions of each actor, for point-in-time restore; trimmed to the configured retention.
CREATE TABLE spawn_actor_snapshot_history (
    actor_system VARCHAR(255) NOT NULL,
    actor_name   VARCHAR(255) NOT NULL,
    revision     BIGINT       NOT NULL,
    parent       VARCHAR(255),
    state_type   VARCHAR(512) NOT NULL,
    state_bytes  BYTEA        NOT NULL,
    tags         TEXT         NOT NULL,
    key_id       VARCHAR(64),
    node         VARCHAR(255) NOT NULL,
    created_at   BIGINT       NOT NULL,
    CONSTRAINT pk_spawn_actor_snapshot_history PRIMARY KEY (actor_system, actor_name, revision)
);
