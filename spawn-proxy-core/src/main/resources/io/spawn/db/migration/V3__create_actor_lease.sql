-- The node allowed to run (and commit state for) each active actor, until expires_at.
CREATE TABLE spawn_actor_lease (
    actor_system VARCHAR(255) NOT NULL,
    actor_name   VARCHAR(255) NOT NULL,
    owner        VARCHAR(255) NOT NULL,
    acquired_at  BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    CONSTRAINT pk_spawn_actor_lease PRIMARY KEY (actor_system, actor_name)
);

CREATE INDEX ix_spawn_actor_lease_owner ON spawn_actor_lease (owner);
