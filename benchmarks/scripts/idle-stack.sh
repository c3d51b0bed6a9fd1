#!/usr/bin/env bash
# CPU of an idle stack: no client calls the API and none follows the live stream.
#   benchmarks/scripts/idle-stack.sh      (IDLE_INSTANCES=50, IDLE_TASKS=250, IDLE_SETTLE=30, IDLE_SECONDS=120)
# Starts a fresh stack, with a simulated fleet of IDLE_INSTANCES and one service of IDLE_TASKS tasks on it
# (IDLE_INSTANCES=0: an empty stack, no fleet and no service), waits until the tasks run and IDLE_SETTLE s more,
# then reads the CPU time (user + system, /proc) of every process and thread over IDLE_SECONDS. The agents'
# heartbeats and utilization reports go on; nobody asks for anything.
# Prints each service's CPU time and RSS, the events the gateway's live stream read and parsed, the events the
# agent-service wrote over the window by type (all of them go to berth.task-state.events but
# AgentConnectionChanged), per second, and (idle_threads.py) the CPU by process group and by thread name, written to
# benchmarks/target/results/idle-<time>/summary.txt. Run it under the build lock.
set -euo pipefail
cd "$(dirname "$0")/../.."
instances=${IDLE_INSTANCES:-50}
tasks=${IDLE_TASKS:-250}
seconds=${IDLE_SECONDS:-120}
settle=${IDLE_SETTLE:-30}
out=benchmarks/target/results/idle-$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$out"
if curl -s -o /dev/null http://localhost:8080/; then
  echo "Something already answers on port 8080: stop that stack first." >&2
  exit 1
fi
export BERTH_HOME=$(mktemp -d /tmp/berth-idle.XXXXXX)
if [ "$instances" -gt 0 ]; then export BERTH_FLEET=idle:m5.large:$instances; fi
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
ecs() { /usr/bin/aws --endpoint-url http://localhost:8080 ecs "$@"; }
log=$BERTH_HOME/stack.log
./berth up >"$log" 2>&1 &
stack=$!
trap './berth down >/dev/null 2>&1 || true; wait "$stack" 2>/dev/null || true; rm -rf "$BERTH_HOME"' EXIT
until grep -q "Berth is up in" "$log"; do
  kill -0 "$stack" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 1
done
grep -o "Berth is up in [0-9.]* s" "$log"
if [ "$instances" -gt 0 ]; then
  until [ "$(ecs list-container-instances --cluster idle --query 'length(containerInstanceArns)' 2>/dev/null)" = "$instances" ]; do
    sleep 2
  done
  ecs register-task-definition --family idle --container-definitions \
    '[{"name":"app","image":"busybox","cpu":8,"memory":32,"essential":true}]' >/dev/null
  ecs create-service --cluster idle --service-name idle --task-definition idle --desired-count "$tasks" >/dev/null
  until [ "$(ecs describe-services --cluster idle --services idle --query 'services[0].runningCount')" = "$tasks" ]; do
    sleep 2
  done
  echo "$tasks tasks running on $instances instances"
fi
echo "settling $settle s"
sleep "$settle"

stream() { curl -s http://localhost:8080/q/metrics | awk '/^berth_stream_events_(read|parsed)_total/ {printf "%s=%s ", $1, $2}'; }
echo "stream before: $(stream)"
from=$(date -u +%FT%T.%NZ)
python3 benchmarks/scripts/idle_threads.py "$seconds" "$out"
echo "stream after:  $(stream)"
psql -h localhost -U postgres -d berth_agent -At -F ' ' -c "select event_type, count(*),
    round(count(*) / $seconds.0, 2) from es_event where occurred_at >= '$from'
    and occurred_at < '$from'::timestamptz + interval '$seconds seconds' group by 1 order by 1" |
  awk '{printf "agent-service wrote %-30s %6d events, %7.2f/s\n", $1, $2, $3}' ||
  echo "(reading the agent-service's events with psql failed)"
