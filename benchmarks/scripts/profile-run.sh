#!/usr/bin/env bash
# Profiles one load run of a stack scenario from beside it (docs/benchmarks.md, "Scenario 1's knee and the CPU per
# RunTask"): started before the scenario, it waits for the run <name> (e.g. runtask-70-1) of the newest results
# directory to print its "Sending from" line, lets its warm-up pass, then within the measured part
#   - read_cost.py <seconds>: every thread's CPU per request answered, then a JFR profile of each service;
#   - PostgreSQL's counters per database and per table (pg_stat_database, pg_stat_user_tables) at the CPU window's
#     start and end: commits and rows per request;
#   - perf record -g of the process named by PERF (default scheduler-service) during the JFR window: the kernel's,
#     the JVM's and the JIT-compiled code's shares, which JFR does not see.
#     benchmarks/scripts/profile-run.sh <scenario> <name> [seconds]     (seconds defaults to 12)
# Writes into the run's results directory: read-cost.txt, <service>.jfr, pg-before.txt / pg-after.txt, perf.data
# and perf-report.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
scenario=${1:?usage: profile-run.sh <scenario> <run name> [seconds]}
name=${2:?usage: profile-run.sh <scenario> <run name> [seconds]}
seconds=${3:-12}
. benchmarks/scripts/measured-part.sh
await_measured_part "$scenario" "$name"

pg() {  # pg <file>: every database's and every table's counters now
  local databases
  databases=$(stack_databases)
  {
    psql -h localhost -U postgres -d postgres -Atc "select 'db', datname, xact_commit, xact_rollback, tup_returned,
      tup_fetched, tup_inserted, tup_updated, tup_deleted from pg_stat_database where datname is not null"
    psql -h localhost -U postgres -d postgres -Atc "select 'wal', wal_records, wal_bytes, wal_sync from pg_stat_wal"
    for db in $databases; do
      psql -h localhost -U postgres -d "$db" -Atc "select 'table', current_database(), relname, seq_scan, idx_scan,
        n_tup_ins, n_tup_upd, n_tup_del, n_tup_hot_upd from pg_stat_user_tables"
    done
  } >"$1"
}
pg "$out/pg-before.txt"
python3 benchmarks/scripts/read_cost.py "$out" "$seconds" >/dev/null &
profiler=$!
sleep "$seconds"
pg "$out/pg-after.txt"
pid=$(pgrep -f "${PERF:-scheduler-service}/target/quarkus-app/quarkus-run.jar" | head -1)
perf record -q -g -F 499 -p "$pid" -o "$out/perf.data" -- sleep "$seconds" >/dev/null 2>&1 || true
wait "$profiler"
perf report -i "$out/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' \
  | head -25 >"$out/perf-report.txt" || true
echo "profiled $name in $out"
