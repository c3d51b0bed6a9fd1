#!/usr/bin/env bash
# Time from `./berth up` to all seven services ready, on a warm build.
#   benchmarks/scripts/startup-time.sh [runs]   (default 3; BERTH_JAVA_OPTS is passed through)
# Each run starts the stack on an existing data directory (a restart, as users do it), reads the
# launcher's own "Berth is up in X s" line, stops the stack with ./berth down, and prints every figure
# and the medians of both, with when each service was ready, each service's own "started in" (from
# the lines this start appended to its log), the CPU seconds each JVM had spent by then
# (startup_cpu.py), and when each process was gone during the down (down_timeline.py). Each run's
# launcher output is kept in $BERTH_HOME/up-<run>.log.
# Run 0 is reported and not counted: a first start (no data directory yet: it creates the databases
# and formats the broker) or, with a BERTH_HOME that already holds a stack, a restart.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
home=${BERTH_HOME:-$(mktemp -d /tmp/berth-startup.XXXXXX)}
export BERTH_HOME=$home
figures=()
downs=()
# Quarkus' "started in" of a service log from byte $2 on: the start that wrote after that point, not an earlier one.
started_in() {
  tail -c +$(($2 + 1)) "$1" | grep -o 'started in [0-9.]*s' | tail -1 || true
}
for i in $(seq 0 "$runs"); do
  if [ -d "$home/postgres/data" ]; then kind="restart"; else kind="first start (empty data directory)"; fi
  # The services' logs are appended to across starts: where each one ends now is where this start's lines begin.
  declare -A before=()
  for service in "$home"/logs/*.log; do
    if [ -f "$service" ]; then before[$service]=$(stat -c %s "$service"); fi
  done
  log=$(mktemp)
  ./berth up >"$log" 2>&1 &
  pid=$!
  until grep -q "Berth is up in\|did not start\|Not ready" "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.5
  done
  figure=$(grep -o "Berth is up in [0-9.]* s" "$log" | grep -o "[0-9.]*" || true)
  # Where the start's CPU went (STARTUP_CPU=0 leaves it out): JIT, GC and the rest, per JVM.
  if [ "${STARTUP_CPU:-1}" = 1 ] && [ -n "$figure" ]; then
    grep -o "^PostgreSQL and Kafka ready ([0-9.]* s)\|^[a-z-]* is ready ([0-9.]* s)" "$log" | sed 's/^/  /'
    for service in "$home"/logs/*.log; do
      # The launcher copies a service's output into its log as it comes: the line may trail its readiness a little.
      for _ in $(seq 10); do
        started=$(started_in "$service" "${before[$service]:-0}")
        [ -z "$started" ] || break
        sleep 0.5
      done
      printf '  %-18s %s\n' "$(basename "$service" .log)" "${started:-(no \"started in\" in this start)}"
    done
    benchmarks/scripts/startup_cpu.py "$home" || true
  fi
  timeline=$(benchmarks/scripts/down_timeline.py "$home" ./berth down)
  wait "$pid" || true
  # The launcher's own output, the services' lines with it, up to its last line of the down.
  mv "$log" "$home/up-$i.log"
  unset before
  [ -n "$figure" ] || { echo "run $i did not come up"; exit 1; }
  down=$(grep -o "^down: [0-9.]*" <<<"$timeline" | grep -o "[0-9.]*$")
  if [ "${STARTUP_CPU:-1}" = 1 ]; then grep -v "^down:" <<<"$timeline"; fi
  if [ "$i" -eq 0 ]; then echo "run 0, $kind: $figure s, down $down s (not counted)"; continue; fi
  echo "run $i, $kind: $figure s, down $down s"
  figures+=("$figure")
  downs+=("$down")
done
median() { sort -n | awk '{a[NR]=$1} END {print "median of " NR ": " a[int((NR+1)/2)] " s"}'; }
echo "up:   $(printf '%s\n' "${figures[@]}" | median)"
echo "down: $(printf '%s\n' "${downs[@]}" | median)"
