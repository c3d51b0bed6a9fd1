#!/usr/bin/env bash
# Time from `./berth up` to all seven services ready, on a warm build.
#   benchmarks/scripts/startup-time.sh [runs]   (default 3; BERTH_JAVA_OPTS is passed through)
# Each run starts the stack on an existing data directory (a restart, as users do it), reads the
# launcher's own "Berth is up in X s" line, stops the stack, and prints every figure and the median,
# with when each service was ready and the CPU seconds each JVM had spent by then (startup_cpu.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
home=${BERTH_HOME:-$(mktemp -d /tmp/berth-startup.XXXXXX)}
export BERTH_HOME=$home
figures=()
for i in $(seq 0 "$runs"); do
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
      printf '  %-18s %s\n' "$(basename "$service" .log)" \
        "$(grep -o 'started in [0-9.]*s' "$service" | tail -1)"
    done
    benchmarks/scripts/startup_cpu.py "$home" || true
  fi
  ./berth down >/dev/null
  wait "$pid" || true
  rm -f "$log"
  [ -n "$figure" ] || { echo "run $i did not come up"; exit 1; }
  # Run 0 creates the databases and formats the broker: reported, not counted.
  if [ "$i" -eq 0 ]; then echo "first start (empty data directory): $figure s"; continue; fi
  echo "run $i: $figure s"
  figures+=("$figure")
done
printf '%s\n' "${figures[@]}" | sort -n | awk '{a[NR]=$1} END {print "median of " NR ": " a[int((NR+1)/2)] " s"}'
