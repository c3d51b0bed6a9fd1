#!/usr/bin/env bash
# Runs one stack scenario of docs/benchmarks.md end to end, the same way every time:
#   benchmarks/scripts/stack-scenario.sh <scenario> [runs]      (default 3 runs)
# scenarios:
#   placement  1. RunTask (count 10) on 2,000 registered instances at each rate of $RATES (RunTask/s)
#   latency    2 and 6. RunTask -> RUNNING and event -> consumer lag at 100 and $LATENCY_RATE tasks/s
#   api        3. the `reads` and `mixed` mixes at $API_RATE requests/s ($API_MIXES: which of them, in order;
#              e.g. API_MIXES=mixed runs only `mixed`, after the same warm-up)
#   readcost   what a read costs: the `reads` mix at $READCOST_RATE requests/s (a rate the stack serves),
#              CPU per process and thread per read, then a JFR profile of each service (read_cost.py)
#   many       4. one service scaled to $MANY_TASKS tasks on $MANY_INSTANCES simulated instances
#   scale      5. one service scaled 0 -> 1,000 on 200 simulated instances, then rolled
#   fargate    1,000 tasks from CreateService to all RUNNING as a Fargate service and on 200 simulated
#              instances, alternated $runs times in the same stack (issue 18)
#   peer       the `reads` and `runtask` mixes against this stack and moto_server, alternating
#   docker     RunTask -> RUNNING of $DOCKER_TASKS docker-runtime tasks one at a time (control plane and
#              engine time), then as many `podman run -d` of the same image on the stack's own Podman
# Each scenario starts a fresh stack (a new BERTH_HOME, so no earlier fleet comes back), runs its
# warm-up (JIT; reported, not counted), then the measured runs, samples every service's RSS each
# second (footprint at rest and at peak, scenario 7), and stops the stack. Every run's output and
# JSON report lands in benchmarks/target/results/<scenario>-<time>/; the summary is printed.
# The stack's data directory is removed at the end unless KEEP_DATA=1 (the logs are in it). STATEMENTS=1 restarts
# the stack once, before the warm-up, with PostgreSQL's pg_stat_statements loaded (for bytes-run.sh).
# Needs the drivers built: ./mvnw -pl benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
scenario=${1:?usage: stack-scenario.sh <placement|latency|api|readcost|many|scale|peer|docker|fargate> [runs]}
runs=${2:-3}
CP="benchmarks/target/berth-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*"
endpoint=http://localhost:8080/
out=benchmarks/target/results/$scenario-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
services=(cluster-service scheduler-service agent-service scaling-service api-gateway)

case "$scenario" in
  latency)
    export BERTH_SIMULATED_START_DELAY=PT0S BERTH_SIMULATED_UTILIZATION_INTERVAL=PT1H ;;
  many)
    # 100,000 simulated tasks do not fit the default 192 MB heaps of the scheduler and the agent-service.
    export BERTH_SIMULATED_UTILIZATION_INTERVAL=PT1H
    export BERTH_JAVA_OPTS=${BERTH_JAVA_OPTS:--XX:+UseSerialGC -Xss512k -Xmx1g -XX:+ExitOnOutOfMemoryError} ;;
  docker)
    # Docker instances: ./berth up starts its own Podman (no DOCKER_HOST answers here).
    unset DOCKER_HOST
    export BERTH_FLEET=docker-bench:m5.xlarge:4:docker ;;
  fargate)
    # The serverless pool on the simulated runtime (the default), as the instances are.
    export BERTH_FARGATE_RUNTIME=simulated ;;
  placement|api|readcost|scale|peer) ;;
  *) echo "unknown scenario $scenario" >&2; exit 2 ;;
esac
if curl -s -o /dev/null http://localhost:8080/; then
  echo "Something already answers on port 8080: stop that stack first (./berth down with its BERTH_HOME)." >&2
  exit 1
fi
export BERTH_HOME=$(mktemp -d /tmp/berth-bench.XXXXXX)

log=$out/stack.log
up() {  # starts the stack in the background ($stack) and waits until it is up; the log starts empty
  : >"$log"
  ./berth up >"$log" 2>&1 &
  stack=$!
  until grep -q "Berth is up in" "$log"; do
    kill -0 "$stack" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 1
  done
}
podman_run() {  # podman against the stack's own Podman storage (docker instances), as its engine has it
  env CONTAINERS_CONF="$BERTH_HOME/podman/containers.conf" podman --root "$BERTH_HOME/podman/storage" \
    --runroot "$BERTH_HOME/podman/run" "$@"
}
cleanup() {
  [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null || true
  [ -n "${moto:-}" ] && kill "$moto" 2>/dev/null || true
  ./berth down >/dev/null 2>&1 || true
  wait "$stack" 2>/dev/null || true
  # Containers of docker tasks outlive the stack (a restarted stack adopts them): remove them here.
  if [ -d "$BERTH_HOME/podman/storage" ]; then
    podman_run rm --all --force --time 0 >/dev/null 2>&1 || true
    podman_run volume rm --all --force >/dev/null 2>&1 || true
  fi
  # The data directory of a 100,000-task run takes gigabytes; KEEP_DATA=1 keeps it for inspection.
  [ "${KEEP_DATA:-}" = 1 ] || rm -rf "$BERTH_HOME"
}
trap cleanup EXIT
up
if [ -n "${STATEMENTS:-}" ]; then
  # bytes-run.sh reads the statements.
  . benchmarks/scripts/pg-statements.sh
  restart() {
    ./berth down >/dev/null 2>&1 || true
    wait "$stack" 2>/dev/null || true
    up
  }
  load_pg_stat_statements restart
fi
grep -o "Berth is up in [0-9.]* s" "$log" | tee "$out/startup.txt"

# RSS of each service once a second, in MB: the first line is at rest, the maxima are the peak.
rss() {
  for s in "${services[@]}"; do
    pid=$(pgrep -f "$s/target/quarkus-app/quarkus-run.jar" | head -1 || true)
    printf '%s ' "$( [ -n "$pid" ] && ps -o rss= -p "$pid" | awk '{print int($1/1024)}' || echo 0)"
  done
  echo
}
echo "${services[*]}" >"$out/rss.txt"
rss >>"$out/rss.txt"
(while true; do rss >>"$out/rss.txt"; sleep 1; done) &
sampler=$!

meters() {  # meters <label>: every service's /q/metrics now, for legs.py
  for port in 8080 8081 8082 8083 8084; do
    curl -s "http://localhost:$port/q/metrics" >"$out/$1-metrics-$port.txt" || true
  done
}
step() {  # step <name> <java main and arguments...>: one run, its output kept and shown
  local name=$1; shift
  echo "== $name" | tee -a "$out/summary.txt"
  java -Xmx1g -cp "$CP" "$@" 2>&1 | tee "$out/$name.txt" | grep -v '^\s*$' | tail -25 | tee -a "$out/summary.txt"
}
load() {  # load <name> <LoadGenerator options...>
  local name=$1; shift
  step "$name" io.berth.benchmarks.load.LoadGenerator --json "$out/$name.json" "$@"
}

case "$scenario" in
  placement)
    load warmup-1 --scenario runtask --rate 10 --duration 20 --warmup 10 --instances 50
    load warmup-2 --scenario runtask --rate 10 --duration 20 --warmup 10 --instances 50
    for rate in ${RATES:-20 30 40}; do
      for i in $(seq 1 "$runs"); do
        load "runtask-$rate-$i" --scenario runtask --rate "$rate" --duration 30 --warmup 10 --instances 2000
      done
    done ;;
  latency)
    for i in 1 2 3; do
      step "warmup-$i" io.berth.benchmarks.scenarios.RunTaskToRunning $endpoint 100 100 20 5 bench
    done
    for rate in 100 ${LATENCY_RATE:-500}; do
      for i in $(seq 1 "$runs"); do
        step "latency-$rate-$i" io.berth.benchmarks.scenarios.RunTaskToRunning $endpoint 100 "$rate" 10 3 bench
      done
    done ;;
  api)
    load warmup-1 --scenario runtask --rate 10 --duration 20 --warmup 10 --instances 50
    load warmup-2 --scenario reads --rate 200 --duration 20 --warmup 10 --instances 50
    for mix in ${API_MIXES:-reads mixed}; do
      for i in $(seq 1 "$runs"); do
        load "$mix-${API_RATE:-1000}-$i" --scenario "$mix" --rate "${API_RATE:-1000}" --duration 20 --warmup 10 \
          --instances 50
      done
    done ;;
  readcost)
    # Scenario 3's warm-up, then longer: the JIT compilers are still busy after two 30 s runs.
    load warmup-1 --scenario runtask --rate 10 --duration 20 --warmup 10 --instances 50
    for i in 1 2 3; do
      load "warmup-reads-$i" --scenario reads --rate 200 --duration 20 --warmup 10 --instances 50
    done
    # The profile's two windows (CPU, then JFR) fall within the measured part of the run.
    (sleep 20 && python3 benchmarks/scripts/read_cost.py "$out" 25 >/dev/null) &
    profiler=$!
    load "reads-${READCOST_RATE:-150}" --scenario reads --rate "${READCOST_RATE:-150}" --duration 70 --warmup 5 \
      --instances 50
    wait "$profiler"
    tee -a "$out/summary.txt" <"$out/read-cost.txt" ;;
  many)
    step warmup io.berth.benchmarks.scenarios.ServiceScaleOut $endpoint 100 500 no-roll
    for i in $(seq 1 "$runs"); do
      step "many-$i" io.berth.benchmarks.scenarios.ServiceScaleOut $endpoint "${MANY_INSTANCES:-5000}" \
        "${MANY_TASKS:-100000}" no-roll
    done ;;
  scale)
    step warmup io.berth.benchmarks.scenarios.ServiceScaleOut $endpoint 100 500 no-roll
    for i in $(seq 1 "$runs"); do
      step "scale-$i" io.berth.benchmarks.scenarios.ServiceScaleOut $endpoint 200 1000
    done ;;
  fargate)
    step warmup io.berth.benchmarks.scenarios.FargateBesideInstances $endpoint 50 200 1
    step fargate io.berth.benchmarks.scenarios.FargateBesideInstances $endpoint 200 "${FARGATE_TASKS:-1000}" "$runs"
    ;;
  peer)
    "${MOTO_SERVER:-moto_server}" -p 5055 >"$out/moto.log" 2>&1 &
    moto=$!
    until curl -s -o /dev/null http://localhost:5055/; do sleep 0.5; done
    for mix in reads runtask; do
      instances=$([ "$mix" = reads ] && echo 0 || echo 50)
      rate=$([ "$mix" = reads ] && echo 100 || echo 10)
      # Berth's JVMs warm up at the measured rate; moto (CPython, no JIT) gets one run too.
      for i in 1 2; do
        load "warmup-berth-$mix-$i" --scenario "$mix" --rate "$rate" --duration 20 --warmup 10 --instances "$instances"
      done
      load "warmup-moto-$mix" --endpoint http://localhost:5055 --scenario "$mix" --rate "$rate" --duration 20 \
        --warmup 10 --instances "$instances"
      for i in $(seq 1 "$runs"); do
        load "berth-$mix-$i" --scenario "$mix" --rate "$rate" --duration 20 --warmup 10 --instances "$instances"
        load "moto-$mix-$i" --endpoint http://localhost:5055 --scenario "$mix" --rate "$rate" --duration 20 \
          --warmup 10 --instances "$instances"
      done
    done ;;
  docker)
    image=localhost/berth/busybox:latest
    # DOCKER_POLL_MS: the DescribeTasks poll's interval (5 ms, the scenario's); another value measures what the
    # poll costs the legs (their meters do not depend on it), beside the scenario, not instead of it.
    step warmup io.berth.benchmarks.scenarios.DockerRunTaskToRunning $endpoint docker-bench 20 $image "${DOCKER_POLL_MS:-5}"
    meters warmup
    for i in $(seq 1 "$runs"); do
      step "docker-$i" io.berth.benchmarks.scenarios.DockerRunTaskToRunning $endpoint docker-bench \
        "${DOCKER_TASKS:-100}" $image "${DOCKER_POLL_MS:-5}"
      # Each leg's parts during this run alone (the meters count from the stack's start).
      meters "docker-$i"
      echo "  the legs' parts, means of run $i (benchmarks/scripts/legs.py):" | tee -a "$out/summary.txt"
      python3 benchmarks/scripts/legs.py "$out/$([ "$i" = 1 ] && echo warmup || echo "docker-$((i - 1))")-metrics" \
        "$out/docker-$i-metrics" | tee -a "$out/summary.txt"
      : >"$out/podman-run-$i.txt"
      ids=()
      for _ in $(seq 1 "${DOCKER_TASKS:-100}"); do
        start=$(date +%s%N)
        # What the agent asks of the engine for this task: the container's memory limit and CPU shares.
        ids+=("$(podman_run run -d --stop-timeout 1 --memory 16m --cpu-shares 2 $image sleep 600)")
        echo $(( ($(date +%s%N) - start) / 1000000 )) >>"$out/podman-run-$i.txt"
      done
      podman_run rm --force --time 0 "${ids[@]}" >/dev/null
      sort -n "$out/podman-run-$i.txt" | awk '{v[NR] = $1} END {
          printf "  podman run -d (same image, command, limits)   p50 %.3f  p99 %.3f (seconds)\n",
            v[int(NR * 0.5 + 0.5)] / 1000, v[int(NR * 0.99 + 0.5)] / 1000}' | tee -a "$out/summary.txt"
    done ;;
esac

kill "$sampler" 2>/dev/null || true
sampler=
awk 'NR==1 {for (i = 1; i <= NF; i++) name[i] = $i; next}
     NR==2 {for (i = 1; i <= NF; i++) rest[i] = $i}
     {for (i = 1; i <= NF; i++) if ($i > peak[i]) peak[i] = $i}
     END {for (i in name) printf "%s: at rest %d MB, peak %d MB\n", name[i], rest[i], peak[i]}' "$out/rss.txt" \
  | sort | tee -a "$out/summary.txt"
echo "results in $out"
