#!/usr/bin/env python3
"""Writes the variants of Spawn's write statement (PostgresSnapshotSql.WRITE) that pg-write-breakdown.sh runs,
from one template: the whole statement, without its history insert, without its lease check, without both, and
the whole statement over eight rows (what one group commit of eight sends). pgbench's :client_id picks each
client's actors; the expected revision is read inside the statement instead of being passed in.

    python3 variants.py DIRECTORY
"""
import os
import sys

TEMPLATE = """WITH input AS (SELECT * FROM unnest((SELECT SYSTEMS), (SELECT NAMES), (SELECT PARENTS), (SELECT EXPECTED),
 (SELECT TYPES), (SELECT BYTES), (SELECT TAGS))
 AS t(actor_system, actor_name, parent, expected, state_type, state_bytes, tags)),
 leased AS (SELECT i.* FROM input i WHERE LEASE_CHECK),
 written AS (INSERT INTO spawn_actor_snapshot AS s (actor_system, actor_name, parent, revision,
 state_type, state_bytes, tags, key_id, status, node, created_at, updated_at)
 SELECT x.actor_system, x.actor_name, x.parent, x.expected + 1, x.state_type, x.state_bytes, x.tags,
 NULL, 'ACTIVE', 'bench-node', 1, 1 FROM leased x
 ON CONFLICT (actor_system, actor_name) DO UPDATE SET parent = EXCLUDED.parent,
 revision = EXCLUDED.revision, state_type = EXCLUDED.state_type, state_bytes = EXCLUDED.state_bytes,
 tags = EXCLUDED.tags, key_id = EXCLUDED.key_id, node = EXCLUDED.node, updated_at = EXCLUDED.updated_at
 WHERE s.revision = EXCLUDED.revision - 1
 RETURNING s.actor_system, s.actor_name, s.revision)HISTORY
 SELECT actor_system, actor_name FROM written;
"""

LEASE_CHECK = """(SELECT l.owner FROM spawn_actor_lease l
 WHERE l.actor_system = i.actor_system AND l.actor_name = i.actor_name AND l.expires_at > 1)
 = 'bench-node' AND (i.expected = 0 OR EXISTS (SELECT 1 FROM spawn_actor_snapshot e
 WHERE e.actor_system = i.actor_system AND e.actor_name = i.actor_name))"""

HISTORY = """,
 history AS (INSERT INTO spawn_actor_snapshot_history (actor_system, actor_name, revision, parent,
 state_type, state_bytes, tags, key_id, node, created_at) SELECT w.actor_system, w.actor_name,
 w.revision, i.parent, i.state_type, i.state_bytes, i.tags, NULL, 'bench-node', 1
 FROM written w JOIN input i ON i.actor_system = w.actor_system AND i.actor_name = w.actor_name)"""

TYPE = "'type.googleapis.com/google.protobuf.Int64Value'"


def rows(names, count, name=None):
    """The unnest arguments for the given actor names (an SQL array expression, or for one row its name too)."""
    def filled(value, sql_type):
        if count == 1:
            return "ARRAY[%s]::%s[]" % (value + ("::bytea" if sql_type == "bytea" else ""), sql_type)
        return "ARRAY_FILL(%s::%s, ARRAY[%d])" % (value, sql_type, count)
    if count == 1:
        expected = ("ARRAY[(SELECT revision FROM spawn_actor_snapshot WHERE actor_system = 'bench'"
                    " AND actor_name = %s)]::bigint[]" % name)
    else:
        expected = ("ARRAY(SELECT s.revision FROM unnest(%s) WITH ORDINALITY n(name, o) JOIN spawn_actor_snapshot s"
                    " ON s.actor_system = 'bench' AND s.actor_name = n.name ORDER BY n.o)::bigint[]" % names)
    return {"SYSTEMS": filled("'bench'", "varchar"), "NAMES": names, "PARENTS": filled("NULL", "varchar"),
            "EXPECTED": expected, "TYPES": filled(TYPE, "varchar"), "BYTES": filled("'\\x0801'", "bytea"),
            "TAGS": filled("'{}'", "text")}


def statement(arguments, lease, history):
    text = TEMPLATE.replace("LEASE_CHECK", LEASE_CHECK if lease else "true").replace("HISTORY", HISTORY if history else "")
    for key, value in arguments.items():
        text = text.replace(key, value, 1)
    return text


def main(directory):
    one = rows("ARRAY['a' || :client_id]::varchar[]", 1, "'a' || :client_id")
    eight = rows("ARRAY[" + ", ".join("'b' || (:client_id * 8 + %d)" % k for k in range(8)) + "]::varchar[]", 8)
    variants = {
        "spawn-write": statement(one, True, True),
        "spawn-write-no-history": statement(one, True, False),
        "spawn-write-no-lease": statement(one, False, True),
        "spawn-write-bare": statement(one, False, False),
        "spawn-write-batch8": statement(eight, True, True),
    }
    os.makedirs(directory, exist_ok=True)
    for name, text in variants.items():
        with open(os.path.join(directory, name + ".sql"), "w") as out:
            out.write(text)


if __name__ == "__main__":
    main(sys.argv[1])
