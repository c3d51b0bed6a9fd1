#!/usr/bin/env bash
# The bytes of one load run, by place (docs/benchmarks.md, "The bytes of a RunTask, session 16"): started before a
# stack scenario, it waits for the run <name> (e.g. runtask-80-1) of the newest results directory to print its
# "Sending from" line, lets its warm-up pass (and 2 s more), then over <seconds> of the measured part takes, at the
# window's start and end,
#   - PostgreSQL's WAL (pg_stat_wal: bytes, records, full-page images) and, per table of every database, its rows
#     inserted / updated / deleted and its size with indexes and TOAST (pg_total_relation_size);
#   - per database, its commits and rows (pg_stat_database) and, when PostgreSQL has pg_stat_statements loaded
#     (stack-scenario.sh with STATEMENTS=1), each statement's calls, execution time, rows and WAL;
#   - the broker's log: the bytes of each topic's segments (*.log) in the stack's BERTH_HOME/kafka;
#   - the scheduler's SchedulerCommandAnswered events appended in the window: the RunTasks answered;
# and after the window, from the rows written in it, what an event's payload and an outbox row weigh, per type.
#     benchmarks/scripts/bytes-run.sh <scenario> <name> [seconds]     (seconds defaults to 15)
# Writes bytes-before.txt, bytes-after.txt and bytes-rows.txt into the run's results directory; bytes.py reads them.
set -euo pipefail
cd "$(dirname "$0")/../.."
scenario=${1:?usage: bytes-run.sh <scenario> <run name> [seconds]}
name=${2:?usage: bytes-run.sh <scenario> <run name> [seconds]}
seconds=${3:-15}
. benchmarks/scripts/measured-part.sh
await_measured_part "$scenario" "$name"
home=$(ls -dt /tmp/berth-bench.* | head -1)

q() { psql -h localhost -U postgres -d "$1" -AtF '|' -c "$2"; }
databases=$(stack_databases)
snapshot() {  # snapshot <file>
  {
    echo "time|$(date +%s%3N)"
    q postgres "select 'wal', wal_records, wal_fpi, wal_bytes from pg_stat_wal"
    # Per database: its transactions and rows (pg_stat_database); with pg_stat_statements loaded (stack-scenario.sh's
    # STATEMENTS=1), every statement's calls, time, rows and WAL.
    q postgres "select 'database', datname, xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted,
      tup_returned, tup_fetched from pg_stat_database where datname is not null"
    q postgres "select 'statement', d.datname, s.queryid, s.calls, s.total_exec_time, s.rows, s.wal_records,
      s.wal_fpi, s.wal_bytes, translate(regexp_replace(left(s.query, 300), '\s+', ' ', 'g'), '|', '/')
      from pg_stat_statements s join pg_database d on d.oid = s.dbid" 2>/dev/null || true
    q berth_scheduler "select 'answers', coalesce(max(global_position), 0),
      count(*) filter (where event_type = 'SchedulerCommandAnswered') from es_event"
    for db in $databases; do
      q "$db" "select 'table', current_database(), relname, n_tup_ins, n_tup_upd, n_tup_del,
        pg_total_relation_size(relid) from pg_stat_user_tables"
    done
    for dir in "$home"/kafka/*-[0-9]*; do
      [ -d "$dir" ] || continue
      topic=$(basename "$dir" | sed 's/-[0-9]*$//')
      echo "topic|$topic|$(stat -c %s "$dir"/*.log 2>/dev/null | awk '{s += $1} END {print s + 0}')"
    done
  } >"$1"
}
snapshot "$out/bytes-before.txt"
sleep "$seconds"
snapshot "$out/bytes-after.txt"
first=$(grep '^answers|' "$out/bytes-before.txt" | cut -d'|' -f2)
{
  for db in $databases; do
    q "$db" "select 'event', current_database(), event_type, count(*), sum(pg_column_size(payload)),
      sum(octet_length(payload::text)) from es_event where occurred_at > to_timestamp($from / 1000.0)
      group by event_type" 2>/dev/null || true
    q "$db" "select 'outbox', current_database(), topic, event_type, count(*), sum(octet_length(envelope)),
      sum(pg_column_size(envelope)) from es_outbox where created_at > to_timestamp($from / 1000.0)
      group by topic, event_type" 2>/dev/null || true
  done
  q berth_scheduler "select 'part', event_type, f.key, count(*), sum(octet_length(f.value::text)) from es_event,
    json_each(payload) f where occurred_at > to_timestamp($from / 1000.0)
    and event_type in ('TaskPlaced', 'SchedulerCommandAnswered') group by event_type, f.key" 2>/dev/null || true
  q berth_scheduler "select 'row', 'task_view', count(*), sum(pg_column_size(t.*)) from task_view t
    where t.created_at > to_timestamp($from / 1000.0)" 2>/dev/null || true
} >"$out/bytes-rows.txt"
echo "bytes of $name in $out (answers after position $first)"
