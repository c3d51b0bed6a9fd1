#!/usr/bin/env bash
# The agent-service's outbox rows of a docker scenario's first measured run, read from its database
# (docs/benchmarks.md, "The agent-service's part of a docker task's way"):
#   benchmarks/scripts/agent-rows.sh <out-prefix> [worktree] &     (beside, in the same lock hold as)
#   python3 benchmarks/scripts/cores.py benchmarks/scripts/stack-scenario.sh docker 1
#   python3 benchmarks/scripts/agent_rows.py <out-prefix>
# Waits for the scenario's warm-up meters, snapshots the transaction and row counters of the agent's and
# the scheduler's databases, waits for run 1's meters (the stack is still up then: the `podman run -d`
# comparison follows), snapshots them again and dumps every outbox row the agent wrote in between with
# its event: the writing transaction's start (created_at = now()), the relay batch's that sent it
# (published_at = that transaction's now()), the stamp the event store put on the event in the
# transaction, and the report's status, startedAt and pullStartedAt. Needs psql; the stack's
# PostgreSQL answers on localhost:5432 as postgres. The relays delete what they publish unless told to keep it
# (ADR 0073): run the scenario with BERTH_OUTBOX_RETENTION=1H in its environment, which every service inherits. [worktree]: the checkout whose scenario runs (its
# benchmarks/target/results is watched); this script's own by default.
set -u
o=$(realpath -m "${1:?usage: agent-rows.sh <out-prefix> [worktree]}")
cd "${2:-$(dirname "$0")/../..}"

q() { psql -h localhost -p 5432 -U postgres -d "$1" -At -F, -c "$2"; }
counters() {  # counters <suffix>
  for db in berth_agent berth_scheduler; do
    q $db "select '$db', xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_returned,
      tup_fetched from pg_stat_database where datname = current_database()" >>"$o-stat$1.csv"
    q $db "select relname, n_tup_ins, n_tup_upd, n_tup_del, seq_scan, idx_scan from pg_stat_user_tables" \
      | sed "s/^/$db,/" >>"$o-tables$1.csv"
  done
}
start=$(date +%s)
while :; do
  d=$(ls -dt benchmarks/target/results/docker-* 2>/dev/null | head -1)
  if [ -n "$d" ] && [ "$(stat -c %Y "$d")" -ge "$start" ] && [ -f "$d/warmup-metrics-8084.txt" ]; then break; fi
  sleep 0.5
done
echo "$d" >"$o-dir"
t0=$(q berth_agent "select now()")
echo "$t0" >"$o-t0"
counters 0
until [ -f "$d/docker-1-metrics-8084.txt" ]; do sleep 0.5; done
counters 1
q berth_agent "select o.id, o.event_type, o.topic, extract(epoch from o.created_at), extract(epoch from o.published_at),
  extract(epoch from e.occurred_at), e.stream_id, e.version, e.payload->>'lastStatus', e.payload->>'startedAt',
  e.payload->>'pullStartedAt' from es_outbox o left join es_event e using (event_id)
  where o.created_at >= '$t0' order by o.id" >"$o-rows.csv"
echo "rows of run 1: $(wc -l <"$o-rows.csv") in $o-rows.csv"
# The task events the agent-service reads (the scheduler writes them): when each reached the broker, to
# tell those that arrive during a task's way (placement published -> its RUNNING report committed) from
# those after it (agent_rows.py).
q berth_scheduler "select o.id, o.event_type, extract(epoch from o.created_at), extract(epoch from o.published_at),
  coalesce(e.payload->>'taskArn', e.payload->'taskArns'->>0), e.payload->>'lastStatus'
  from es_outbox o left join es_event e using (event_id)
  where o.topic = 'berth.task.events' and o.created_at >= '$t0' order by o.id" >"$o-task-events.csv"
echo "task events of run 1: $(wc -l <"$o-task-events.csv") in $o-task-events.csv"
