#!/usr/bin/env bash
# CPU of an idle gateway while a fleet runs: no client calls the API and none follows the live stream.
#   benchmarks/scripts/idle-gateway.sh            (IDLE_INSTANCES=50, IDLE_TASKS=250, IDLE_SECONDS=120)
# Starts a fresh stack with a simulated fleet, runs one service of IDLE_TASKS tasks on it, waits until
# they run and 30 s more, then reads the CPU time (user + system, /proc/<pid>/stat) each service used
# over IDLE_SECONDS. The agents' heartbeats and utilization reports go on; nobody asks for anything.
# Prints the services' CPU time and RSS, the events the gateway's live stream read and parsed, and the
# events the agent-service wrote over the window by type (all of them go to berth.task-state.events but
# AgentConnectionChanged), per second.
set -euo pipefail
cd "$(dirname "$0")/../.."
instances=${IDLE_INSTANCES:-50}
tasks=${IDLE_TASKS:-250}
seconds=${IDLE_SECONDS:-120}
services=(cluster-service scheduler-service agent-service scaling-service registry-service logs-service api-gateway)
if curl -s -o /dev/null http://localhost:8080/; then
  echo "Something already answers on port 8080: stop that stack first." >&2
  exit 1
fi
export BERTH_HOME=$(mktemp -d /tmp/berth-idle.XXXXXX) BERTH_FLEET=idle:m5.large:$instances
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
until [ "$(ecs list-container-instances --cluster idle --query 'length(containerInstanceArns)' 2>/dev/null)" = "$instances" ]; do
  sleep 2
done
ecs register-task-definition --family idle --container-definitions \
  '[{"name":"app","image":"busybox","cpu":8,"memory":32,"essential":true}]' >/dev/null
ecs create-service --cluster idle --service-name idle --task-definition idle --desired-count "$tasks" >/dev/null
until [ "$(ecs describe-services --cluster idle --services idle --query 'services[0].runningCount')" = "$tasks" ]; do
  sleep 2
done
echo "$tasks tasks running on $instances instances; settling 30 s"
sleep 30

pid_of() { pgrep -f "$1/target/quarkus-app/quarkus-run.jar" | head -1; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
stream() { curl -s http://localhost:8080/q/metrics | awk '/^berth_stream_events_(read|parsed)_total/ {printf "%s=%s ", $1, $2}'; }
declare -A before
for s in "${services[@]}"; do before[$s]=$(ticks "$(pid_of "$s")"); done
echo "stream before: $(stream)"
from=$(date -u +%FT%T.%NZ)
sleep "$seconds"
echo "stream after:  $(stream)"
psql -h localhost -U postgres -d berth_agent -At -F ' ' -c "select event_type, count(*),
    round(count(*) / $seconds.0, 2) from es_event where occurred_at >= '$from'
    and occurred_at < '$from'::timestamptz + interval '$seconds seconds' group by 1 order by 1" |
  awk '{printf "agent-service wrote %-30s %6d events, %7.2f/s\n", $1, $2, $3}' ||
  echo "(reading the agent-service's events with psql failed)"
hz=$(getconf CLK_TCK)
for s in "${services[@]}"; do
  pid=$(pid_of "$s")
  used=$(( $(ticks "$pid") - ${before[$s]} ))
  awk -v s="$s" -v t="$used" -v hz="$hz" -v d="$seconds" -v rss="$(ps -o rss= -p "$pid")" \
    'BEGIN {printf "%-18s CPU %6.2f s in %d s (%5.2f %% of a core), RSS %d MB\n", s, t / hz, d, 100 * t / hz / d, rss / 1024}'
done
