#!/usr/bin/env bash
# boto3 side by side (docs/benchmarks.md): the same boto3 driver (boto3_peer.py) against Berth's
# gateway and against moto_server, alternating, in one run:
#   benchmarks/scripts/boto3-peer.sh [runs]                       (default 3 runs)
#   BEFORE=/path/to/other/worktree benchmarks/scripts/boto3-peer.sh 3
# With BEFORE, the stack built in that worktree is measured first, then this one: "before" and
# "after" in the same run. Each stack starts fresh (a new BERTH_HOME), is warmed up with one run of
# the driver (JIT; not counted), then measured `runs` times, each run followed by one against
# moto_server (MOTO_SERVER names its executable). Every service's RSS is sampled each second: the
# first sample is at rest, the maximum the peak. Needs python3 with boto3, moto_server, and the
# services built in each worktree (./mvnw package -DskipTests). Run it under the build lock.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=$(pwd)
runs=${1:-3}
out=$here/benchmarks/target/results/boto3-peer-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
driver=$here/benchmarks/scripts/boto3_peer.py
services=(api-gateway cluster-service scheduler-service agent-service scaling-service registry-service logs-service)
if curl -s -o /dev/null http://localhost:8080/; then
  echo "Something already answers on port 8080: stop that stack first." >&2
  exit 1
fi

"${MOTO_SERVER:-moto_server}" -p 5055 >"$out/moto.log" 2>&1 &
moto=$!
stack_pid=
sampler=
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  [ -n "$stack_pid" ] && { (cd "$root" && ./berth down >/dev/null 2>&1) || true; wait "$stack_pid" 2>/dev/null || true; }
  kill "$moto" 2>/dev/null || true
}
trap cleanup EXIT
until curl -s -o /dev/null http://localhost:5055/; do sleep 0.5; done

rss() {  # one line: the RSS in MB of each service of the stack in $root
  for s in "${services[@]}"; do
    pid=$(pgrep -f "$root/$s/target/quarkus-app/quarkus-run.jar" | head -1 || true)
    printf '%s ' "$( [ -n "$pid" ] && ps -o rss= -p "$pid" | awk '{print int($1/1024)}' || echo 0)"
  done
  echo
}

measure() {  # measure <label> <worktree>
  local label=$1
  root=$2
  export BERTH_HOME
  BERTH_HOME=$(mktemp -d /tmp/berth-boto3.XXXXXX)
  (cd "$root" && exec ./berth up) >"$out/$label-stack.log" 2>&1 &
  stack_pid=$!
  until grep -q "Berth is up in" "$out/$label-stack.log"; do
    kill -0 "$stack_pid" 2>/dev/null || { cat "$out/$label-stack.log"; exit 1; }
    sleep 1
  done
  grep -o "Berth is up in [0-9.]* s" "$out/$label-stack.log" | tee "$out/$label-startup.txt"
  echo "${services[*]}" >"$out/$label-rss.txt"
  rss >>"$out/$label-rss.txt"
  (while true; do rss >>"$out/$label-rss.txt"; sleep 1; done) &
  sampler=$!
  python3 "$driver" --endpoint http://localhost:8080 >"$out/$label-warmup.json"
  for i in $(seq 1 "$runs"); do
    python3 "$driver" --endpoint http://localhost:8080 | tee "$out/$label-$i.json"
    python3 "$driver" --endpoint http://localhost:5055 | tee "$out/moto-$label-$i.json"
  done
  # What the runs cost where: every service's meters (outbox delays, placement time, request times).
  for port in 8080 8081 8082 8083; do
    curl -s "http://localhost:$port/q/metrics" >"$out/$label-metrics-$port.txt" || true
  done
  kill "$sampler"; sampler=
  (cd "$root" && ./berth down >/dev/null 2>&1) || true
  wait "$stack_pid" 2>/dev/null || true
  stack_pid=
  rm -rf "$BERTH_HOME"
}

# moto has no JIT, but its first calls import modules: one run first, not counted.
python3 "$driver" --endpoint http://localhost:5055 >"$out/moto-warmup.json"
labels=()
if [ -n "${BEFORE:-}" ]; then
  measure before "$(cd "$BEFORE" && pwd)"
  labels+=(before)
fi
measure after "$here"
labels+=(after)

python3 - "$out" "$runs" "${labels[@]}" <<'EOF' | tee "$out/summary.txt"
import json, statistics, sys
out, runs, labels = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
keys = ["runTaskP50Ms", "createClusterP50Ms", "readsP50Ms", "runTaskTasksPerSecond"]
def load(name):
    return json.load(open(f"{out}/{name}.json"))
for label in labels:
    berth = [load(f"{label}-{i}") for i in range(1, runs + 1)]
    moto = [load(f"moto-{label}-{i}") for i in range(1, runs + 1)]
    print(f"== {label} (medians of {runs}; runs in brackets)")
    for key in keys:
        b = [r[key] for r in berth]; m = [r[key] for r in moto]
        print(f"{key:24s} berth {statistics.median(b):8.1f} {b}   moto {statistics.median(m):8.1f} {m}")
    ratio = statistics.median(r["runTaskTasksPerSecond"] for r in berth) / statistics.median(
        r["runTaskTasksPerSecond"] for r in moto)
    print(f"{'throughput berth / moto':24s} {ratio:.2f}x")
    rows = [line.split() for line in open(f"{out}/{label}-rss.txt")]
    names, samples = rows[0], [list(map(int, r)) for r in rows[1:] if len(r) == len(rows[0])]
    print("RSS MB at rest / peak: " + ", ".join(
        f"{n} {samples[0][i]}/{max(s[i] for s in samples)}" for i, n in enumerate(names)))
    print(open(f"{out}/{label}-startup.txt").read().strip())
EOF
