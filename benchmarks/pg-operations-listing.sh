#!/usr/bin/env bash
# The operations API's page queries (issue 18) on a PostgreSQL server with 1,000,000 stored actors in one system,
# without any JVM in the way: the schema is Spawn's own Flyway migrations, the rows come from generate_series
# (half of them instances of a template, every tenth with a live lease, every hundredth tagged tier=gold), and
# pgbench runs each statement exactly as JpaActorStateStore.list sends it (prepared, one client), interleaved
# with the baseline: a point read of one snapshot by primary key (what every activation does). Prints the mean
# latency of each and its ratio to the baseline, then the plan of each statement.
#
#   benchmarks/pg-operations-listing.sh [host] [port] [seconds per window] [rounds] [rows]
#
# The statements below must stay those of JpaActorStateStore.list (a page of 100 after an actor's name).
#
# Needs psql and pgbench, and a server that trusts the postgres user from this host (the machine's PostgreSQL does).
set -euo pipefail
cd "$(dirname "$0")"
host=${1:-127.0.0.1}; port=${2:-5432}; seconds=${3:-5}; rounds=${4:-3}; rows=${5:-1000000}
pg=(-h "$host" -p "$port" -U postgres)
db=spawnopsbench
psql "${pg[@]}" -d postgres -qAtc "DROP DATABASE IF EXISTS $db" >/dev/null
createdb "${pg[@]}" "$db"
for migration in $(ls ../spawn-proxy-core/src/main/resources/io/spawn/db/migration/V*.sql | sort -t V -k2 -n); do
  psql "${pg[@]}" -d "$db" -q -v ON_ERROR_STOP=1 -f "$migration"
done
started=$(date +%s.%N)
psql "${pg[@]}" -d "$db" -q -v ON_ERROR_STOP=1 <<SQL
INSERT INTO spawn_actor_snapshot (actor_system, actor_name, parent, revision, state_type, state_bytes, tags, status,
    node, created_at, updated_at)
SELECT 'shop', 'actor-' || lpad(i::text, 7, '0'), CASE WHEN i % 2 = 0 THEN 'cart' END, 1,
    'type.googleapis.com/google.protobuf.Int64Value', '\x0a2f0a29747970652e676f6f676c65617069732e636f6d2f676f6f676c652e70726f746f6275662e496e74363456616c7565120208'::bytea,
    CASE WHEN i % 100 = 0 THEN '{"region":"eu","tier":"gold"}' ELSE '{"region":"eu"}' END, 'ACTIVE', 'node-a', 0, 0
FROM generate_series(1, $rows) AS i;
INSERT INTO spawn_actor_lease (actor_system, actor_name, owner, acquired_at, expires_at)
SELECT 'shop', 'actor-' || lpad(i::text, 7, '0'), 'node-' || (i % 3), 0, 9223372036854775807
FROM generate_series(10, $rows, 10) AS i;
ANALYZE;
SQL
echo "server: $(psql "${pg[@]}" -d "$db" -Atc 'SELECT version()' | cut -d, -f1); rows: $rows (loaded in $(echo "$(date +%s.%N) - $started" | bc | cut -c1-5) s); table $(psql "${pg[@]}" -d "$db" -Atc "SELECT pg_size_pretty(pg_total_relation_size('spawn_actor_snapshot'))"); load: $(cut -d' ' -f1-3 /proc/loadavg)"

# The statements, as JpaActorStateStore.list builds them for a page of 100 (it asks for 101 to know if more follow).
select="SELECT s.actor_name, s.parent, s.revision, s.state_type, s.tags, s.updated_at, l.owner FROM spawn_actor_snapshot s LEFT JOIN spawn_actor_lease l ON l.actor_system = s.actor_system AND l.actor_name = s.actor_name AND l.expires_at >= 1"
middle="actor-0500000"
# A tag or activity filter reads a window of 10,000 names after the page's start (JpaActorStateStore.scanWindow);
# a page the window leaves short is followed by the probe that finds where the next page resumes.
window() { echo "SELECT s.actor_name, s.parent, s.revision, s.state_type, s.tags, s.updated_at, l.owner FROM (SELECT actor_system, actor_name, parent, revision, state_type, tags, updated_at FROM spawn_actor_snapshot WHERE actor_system = 'shop' AND actor_name > '$middle' ORDER BY actor_name FETCH FIRST 10000 ROWS ONLY) s LEFT JOIN spawn_actor_lease l ON l.actor_system = s.actor_system AND l.actor_name = s.actor_name AND l.expires_at >= 1 WHERE 1 = 1 AND $1 ORDER BY s.actor_name FETCH FIRST 101 ROWS ONLY"; }
tag() { echo "(s.tags LIKE '{\"tier\":\"$1\"}' ESCAPE '!' OR s.tags LIKE '{\"tier\":\"$1\",%' ESCAPE '!' OR s.tags LIKE '%,\"tier\":\"$1\"}' ESCAPE '!' OR s.tags LIKE '%,\"tier\":\"$1\",%' ESCAPE '!')"; }
probe="SELECT actor_name FROM spawn_actor_snapshot WHERE actor_system = 'shop' AND actor_name > '$middle' ORDER BY actor_name OFFSET 9999 ROWS FETCH FIRST 1 ROWS ONLY"
declare -A statement=(
  [point-read]="SELECT revision, parent, state_bytes, key_id FROM spawn_actor_snapshot WHERE actor_system = 'shop' AND actor_name = 'actor-0500001'"
  [first-page]="$select WHERE s.actor_system = 'shop' AND s.actor_name > '' ORDER BY s.actor_name FETCH FIRST 101 ROWS ONLY"
  [middle-page]="$select WHERE s.actor_system = 'shop' AND s.actor_name > '$middle' ORDER BY s.actor_name FETCH FIRST 101 ROWS ONLY"
  [last-page]="$select WHERE s.actor_system = 'shop' AND s.actor_name > 'actor-0999950' ORDER BY s.actor_name FETCH FIRST 101 ROWS ONLY"
  [template-page]="$select WHERE s.actor_system = 'shop' AND s.actor_name > '$middle' AND s.parent = 'cart' ORDER BY s.actor_name FETCH FIRST 101 ROWS ONLY"
  [active-page]="$(window "l.owner IS NOT NULL")"
  [passive-page]="$(window "l.owner IS NULL")"
  [tag-page]="$(window "$(tag gold)")"
  [absent-tag-page]="$(window "$(tag none)")"
  [unbounded-absent-tag]="$select WHERE s.actor_system = 'shop' AND s.actor_name > '$middle' AND $(tag none) ORDER BY s.actor_name FETCH FIRST 101 ROWS ONLY"
  [naive-active]="$select WHERE s.actor_system = 'shop' AND s.actor_name > '$middle' AND l.owner IS NOT NULL ORDER BY s.actor_name FETCH FIRST 101 ROWS ONLY"
  [naive-passive]="$select WHERE s.actor_system = 'shop' AND s.actor_name > '$middle' AND l.owner IS NULL ORDER BY s.actor_name FETCH FIRST 101 ROWS ONLY"
)
# Pages the window leaves short (100 gold actors in 10,000 names, or none): the store runs the probe after them.
declare -A short=([tag-page]=1 [absent-tag-page]=1)
# The store runs each page in a transaction that turns hash and merge joins off (SET LOCAL): those pages are
# measured with the same round trips. naive-* and unbounded-* are the statements without the window and with the
# planner's own choice of joins, kept to show what the window and the settings are worth.
declare -A planned=([naive-active]=1 [naive-passive]=1 [unbounded-absent-tag]=1 [point-read]=1)
order=(point-read first-page middle-page last-page template-page active-page passive-page tag-page absent-tag-page
  unbounded-absent-tag naive-active naive-passive)
files=$(mktemp -d); trap 'rm -rf "$files"' EXIT
for name in "${order[@]}"; do
  if [ -n "${planned[$name]:-}" ]; then
    echo "${statement[$name]};" > "$files/$name.sql"
  else
    printf 'BEGIN;\nSET LOCAL enable_hashjoin = off;\nSET LOCAL enable_mergejoin = off;\n%s;\n' "${statement[$name]}" > "$files/$name.sql"
    [ -z "${short[$name]:-}" ] || echo "$probe;" >> "$files/$name.sql"
    echo "COMMIT;" >> "$files/$name.sql"
  fi
  # Each must return rows (a page of 101, or the point read's one) or it measures nothing; absent-tag-page is the
  # worst case of the tag filter, a tag no actor has: it reads the rest of the system and returns nothing.
  count=$(psql "${pg[@]}" -d "$db" -Atc "SELECT count(*) FROM (${statement[$name]}) AS page")
  [ "$count" -ge 1 ] || [[ "$name" == *absent-tag* ]] || { echo "$name returns no rows" >&2; exit 1; }
done
run() { # statement -> mean latency in ms
  pgbench "${pg[@]}" -n -M prepared -c 1 -j 1 -T "$seconds" -f "$files/$1.sql" "$db" 2>&1 \
    | sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p'
}
declare -A sum
for round in $(seq 1 "$rounds"); do
  for name in "${order[@]}"; do
    ms=$(run "$name")
    sum[$name]="${sum[$name]:-} $ms"
    printf 'round %d  %-14s %8.3f ms\n' "$round" "$name" "$ms"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
spread() { tr ' ' '\n' | grep -v '^$' | sort -g | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%.3f-%.3f", lo, hi}'; }
echo; echo "medians over $rounds rounds of $seconds s, one client, prepared (ms per statement; ratio to the point read)"
base=$(echo "${sum[point-read]}" | median)
for name in "${order[@]}"; do
  m=$(echo "${sum[$name]}" | median)
  printf '| %-14s | %8.3f ms | %s | %6.1fx |\n' "$name" "$m" "$(echo "${sum[$name]}" | spread)" "$(echo "$m / $base" | bc -l)"
done
echo; echo "plans (EXPLAIN ANALYZE, one execution each)"
for name in "${order[@]}"; do
  echo "-- $name"
  settings=""; [ -n "${planned[$name]:-}" ] || settings="SET enable_hashjoin = off; SET enable_mergejoin = off;"
  psql "${pg[@]}" -d "$db" -At -c "$settings EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${statement[$name]}" | grep -E "Scan|Join|Limit|Sort|Execution" | sed 's/^/   /'
done
psql "${pg[@]}" -d postgres -qAtc "DROP DATABASE IF EXISTS $db" >/dev/null
