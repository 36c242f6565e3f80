-- Delayed calls and timer actions, stored before the caller is answered. A replica claims due rows
-- (claimed_by, claimed_until) before firing them, so several replicas can poll one table.
CREATE TABLE spawn_scheduled_invocation (
    id            VARCHAR(512) NOT NULL,
    actor_system  VARCHAR(255) NOT NULL,
    actor_name    VARCHAR(255) NOT NULL,
    due_at        BIGINT       NOT NULL,
    interval_ms   BIGINT       NOT NULL,
    request_bytes BYTEA        NOT NULL,
    claimed_by    VARCHAR(255),
    claimed_until BIGINT,
    created_at    BIGINT       NOT NULL,
    CONSTRAINT pk_spawn_scheduled_invocation PRIMARY KEY (id)
);

CREATE INDEX ix_spawn_scheduled_invocation_due ON spawn_scheduled_invocation (due_at);
CREATE INDEX ix_spawn_scheduled_invocation_actor ON spawn_scheduled_invocation (actor_system, actor_name);
