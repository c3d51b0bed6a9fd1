#!/usr/bin/env bash
# Scenario 1's CPU per RunTask of two builds, measured on two warm stacks side by side in interleaved windows (ADR 0081):
#   benchmarks/scripts/interleaved.sh <before-worktree> <after-worktree> [windows]    (default 16; under /work/bin/locked)
# Stack A runs <before-worktree>'s services at ports 8080-8086 (BERTH_PORT_OFFSET 0), stack B <after-worktree>'s at
# 8180-8186 (offset 100), each with its own fresh BERTH_HOME, both started by this repository's launcher (BERTH_REPO
# names where the services come from). Each gets stack-scenario.sh placement's warm-up, then the windows load one stack
# at a time in the order A B B A A B B A ...: each window is stack-scenario.sh placement's measured run (a fresh
# cluster with 2,000 registered instances, 10 s warm-up, 30 s measured at $RATE RunTask/s, default 20), while the
# other stack sits idle. interleaved.py samples every process of both stacks each second and prints, per window, the
# machine's and each service's ms of CPU per RunTask of the loaded stack and the idle stack's CPU, then B - A per pair
# of windows and per block of four (A B B A: a linear drift cancels), each with its mean and 95 % interval
# (SKIP_WINDOWS=<n> leaves the first n windows out). Everything lands in benchmarks/target/results/interleaved-<time>/.
# Both worktrees need their services built (./mvnw package -DskipTests there), this one the launcher and the drivers
# (./mvnw -pl benchmarks -am package -DskipTests). The same worktree twice is an A/A run.
set -euo pipefail
cd "$(dirname "$0")/../.."
usage="usage: interleaved.sh <before-worktree> <after-worktree> [windows]"
before=$(realpath "${1:?$usage}")
after=$(realpath "${2:?$usage}")
windows=${3:-16}
CP="benchmarks/target/berth-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*"
services=(cluster-service scheduler-service agent-service scaling-service registry-service logs-service api-gateway)
for tree in "$before" "$after"; do
  for s in "${services[@]}"; do
    [ -f "$tree/$s/target/quarkus-app/quarkus-run.jar" ] || { echo "$tree/$s is not built" >&2; exit 1; }
  done
done
for port in 8080 8180; do
  if curl -s -o /dev/null "http://localhost:$port/"; then
    echo "Something already answers on port $port: stop that stack first." >&2
    exit 1
  fi
done
if [ "$before" = "$after" ]; then
  # Both stacks' services would write the same class data archives (<module>/target/quarkus-app/berth-service.jsa.new)
  # on a first start after a build: neither maps or writes one.
  export BERTH_SERVICE_CDS=0
fi
out=benchmarks/target/results/interleaved-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
echo "A: $before ($(git -C "$before" rev-parse --short HEAD)), B: $after ($(git -C "$after" rev-parse --short HEAD))," \
  "$windows windows at ${RATE:-20} RunTask/s, started $(date -u +%FT%TZ)" | tee "$out/summary.txt"

declare -A home repo offset
home[A]=$(mktemp -d /tmp/berth-interleaved-A.XXXXXX)
home[B]=$(mktemp -d /tmp/berth-interleaved-B.XXXXXX)
repo[A]=$before
repo[B]=$after
offset[A]=0
offset[B]=100
stacks=()
cleanup() {
  [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null || true
  for side in A B; do
    BERTH_HOME=${home[$side]} ./berth down >/dev/null 2>&1 || true
  done
  wait "${stacks[@]}" 2>/dev/null || true
  [ "${KEEP_DATA:-}" = 1 ] || rm -rf "${home[A]}" "${home[B]}"
}
trap cleanup EXIT

python3 benchmarks/scripts/interleaved.py sample "$out" "${home[A]}" "${home[B]}" &
sampler=$!
# One after the other: two cold starts at once on two cores take each about as long as both in turn.
for side in A B; do
  log=$out/stack-$side.log
  : >"$log"
  BERTH_HOME=${home[$side]} BERTH_REPO=${repo[$side]} BERTH_PORT_OFFSET=${offset[$side]} ./berth up >"$log" 2>&1 &
  stacks+=($!)
  until grep -q "Berth is up in" "$log"; do
    kill -0 "${stacks[-1]}" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 1
  done
  grep -o "Berth is up in [0-9.]* s" "$log" | sed "s/^/$side: /" | tee -a "$out/summary.txt"
done

endpoint() { echo "http://localhost:$((8080 + ${offset[$1]}))"; }
load() {  # load <name> <side> <LoadGenerator options...>: one run, its output kept and its table shown
  local name=$1 side=$2; shift 2
  echo "== $name" | tee -a "$out/summary.txt"
  java -Xmx1g -cp "$CP" io.berth.benchmarks.load.LoadGenerator --endpoint "$(endpoint "$side")" \
    --json "$out/$name.json" "$@" 2>&1 | tee "$out/$name.txt" | grep -v '^\s*$' | tail -25 | tee -a "$out/summary.txt"
}
for side in A B; do
  for i in 1 2; do
    load "warmup-$side-$i" "$side" --scenario runtask --rate 10 --duration 20 --warmup 10 --instances 50
  done
done
for i in $(seq 1 "$windows"); do
  # A B B A: each stack's windows have the same mean position in time, so a drift of the machine falls on both.
  side=$([ $((i % 4)) -le 1 ] && echo A || echo B)
  load "window-$i-$side" "$side" --scenario runtask --rate "${RATE:-20}" --duration 30 --warmup 10 --instances 2000
done

kill "$sampler" 2>/dev/null || true
sampler=
python3 benchmarks/scripts/interleaved.py report "$out"
echo "results in $out"
