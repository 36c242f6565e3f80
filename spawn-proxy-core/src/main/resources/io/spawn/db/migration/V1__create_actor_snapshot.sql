-- Current snapshot of each actor, keyed by its natural key. Times are epoch milliseconds from the runtime clock.
CREATE TABLE spawn_actor_snapshot (
    actor_system VARCHAR(255) NOT NULL,
    actor_name   VARCHAR(255) NOT NULL,
    parent       VARCHAR(255),
    revision     BIGINT       NOT NULL,
    state_type   VARCHAR(512) NOT NULL,
    state_bytes  BYTEA        NOT NULL,
    tags         TEXT         NOT NULL,
    key_id       VARCHAR(64),
    status       VARCHAR(32)  NOT NULL,
    node         VARCHAR(255) NOT NULL,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL,
    CONSTRAINT pk_spawn_actor_snapshot PRIMARY KEY (actor_system, actor_name)
);

CREATE INDEX ix_spawn_actor_snapshot_parent ON spawn_actor_snapshot (actor_system, parent);
