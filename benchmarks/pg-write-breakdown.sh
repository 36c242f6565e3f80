#!/usr/bin/env bash
# Where the write-through statement's time goes, on a PostgreSQL server without any JVM in the way: pgbench runs
# benchmark 3's raw upsert and Spawn's write statement (PostgresSnapshotSql.WRITE, one row, or eight rows as one
# group commit sends them) with parts removed (the history insert, the lease check), interleaved, at 1, 8 and 64
# clients, each client writing its own actor. Prints commits/s and rows/s per variant and the ratio to raw.
#
#   benchmarks/pg-write-breakdown.sh [host] [port] [seconds per window] [rounds]
#
# PGOPTIONS reaches the server (e.g. PGOPTIONS="-c plan_cache_mode=force_generic_plan").
# Needs psql, pgbench and python3, and a server that trusts the postgres user from this host (the machine's PostgreSQL does).
set -euo pipefail
cd "$(dirname "$0")/sql"
# The statements: raw.sql, and the variants of ours that variants.py writes from one template.
statements=$(mktemp -d); trap 'rm -rf "$statements"' EXIT
cp raw.sql "$statements/" && python3 variants.py "$statements"
host=${1:-127.0.0.1}; port=${2:-5432}; seconds=${3:-5}; rounds=${4:-3}
pg=(-h "$host" -p "$port" -U postgres)
psql "${pg[@]}" -d postgres -qAtc "SELECT 1 FROM pg_database WHERE datname = 'spawnbench'" | grep -q 1 \
  || createdb "${pg[@]}" spawnbench
psql "${pg[@]}" -d spawnbench -q -f setup.sql 2>&1 | grep -v NOTICE || true
echo "server: $(psql "${pg[@]}" -d spawnbench -Atc 'SELECT version()' | cut -d, -f1); synchronous_commit=$(psql "${pg[@]}" -d spawnbench -Atc 'SHOW synchronous_commit'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
run() { # variant clients -> commits/s
  pgbench "${pg[@]}" -n -M prepared -c "$2" -j "$(( $2 < 4 ? $2 : 4 ))" -T "$seconds" -f "$statements/$1.sql" spawnbench 2>&1 \
    | sed -n 's/^tps = \([0-9.]*\).*/\1/p'
}
declare -A sum
for round in $(seq 1 "$rounds"); do
  for clients in 1 8 64; do
    for variant in raw spawn-write spawn-write-no-history spawn-write-no-lease spawn-write-bare; do
      tps=$(run "$variant" "$clients")
      sum[$variant@$clients]="${sum[$variant@$clients]:-} $tps"
      printf 'round %d  %-24s c=%-3d %8.0f commits/s\n' "$round" "$variant" "$clients" "$tps"
    done
  done
  for clients in 1 8; do
    tps=$(run spawn-write-batch8 "$clients")
    sum[spawn-write-batch8@$clients]="${sum[spawn-write-batch8@$clients]:-} $tps"
    printf 'round %d  %-24s c=%-3d %8.0f commits/s (%0.f rows/s)\n' "$round" spawn-write-batch8 "$clients" "$tps" \
      "$(echo "$tps * 8" | bc)"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo; echo "medians over $rounds rounds of ${seconds} s (rows/s; ratio to raw at the same number of writing actors)"
for clients in 1 8 64; do
  raw=$(echo "${sum[raw@$clients]}" | median)
  for variant in raw spawn-write spawn-write-no-history spawn-write-no-lease spawn-write-bare; do
    m=$(echo "${sum[$variant@$clients]}" | median)
    printf '%-24s %2d actors  %8.0f rows/s  %5.2fx\n' "$variant" "$clients" "$m" "$(echo "$m / $raw" | bc -l)"
  done
done
for clients in 1 8; do
  actors=$(( clients * 8 ))
  raw=$(echo "${sum[raw@$actors]:-${sum[raw@64]}}" | median)
  m=$(echo "${sum[spawn-write-batch8@$clients]}" | median)
  printf '%-24s %2d actors  %8.0f rows/s  %5.2fx raw at %d clients\n' spawn-write-batch8 "$actors" \
    "$(echo "$m * 8" | bc)" "$(echo "$m * 8 / $raw" | bc -l)" "$actors"
done
