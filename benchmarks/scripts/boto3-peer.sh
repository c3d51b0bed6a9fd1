#!/usr/bin/env bash
# boto3 side by side (docs/benchmarks.md): the same boto3 driver (boto3_peer.py) against Berth's
# gateway and against moto_server, alternating, in one run:
#   benchmarks/scripts/boto3-peer.sh [runs]                       (default 3 runs)
#   BEFORE=/path/to/other/worktree benchmarks/scripts/boto3-peer.sh 3
# With BEFORE, the stack built in that worktree and this one are measured in the same run, "before"
# and "after"; FIRST=after measures this one first (default: before first). The two stacks use the
# same ports, so they can not alternate run by run without a cold start and a new warm-up each time:
# swap FIRST between two invocations instead, and read the Berth / moto ratios, which moto's run
# beside each of Berth's keeps fair to a machine that gets busier or quieter.
# BEFORE_JAVA_OPTS and AFTER_JAVA_OPTS set BERTH_JAVA_OPTS for that side's stack only (the services'
# JVM flags, e.g. two JIT settings on one build: BEFORE=. with both set); each side's flags are kept
# in <label>-java-opts.txt and printed in the summary.
# Each stack starts fresh (a new BERTH_HOME) and is warmed up with runs of the driver (not counted)
# until two in a row agree within WARMUP_TOLERANCE (default 0.10) on each of the lone calls' p50s and
# the throughput, at least 2 and at most WARMUP_MAX (default 5) of them; every warm-up run is printed
# and kept (<label>-warmup-<n>.json). Then it is measured `runs` times, each run followed by one
# against moto_server (MOTO_SERVER names its executable). Each measured run scrapes every service's
# meters and PostgreSQL's counters around each lone-call phase (<label>-<i>-legs/); the summary
# prints where those calls' time went (legs.py, all runs together, per call). STATEMENTS=1 restarts
# each stack once with pg_stat_statements loaded, and legs.py then lists the statements per call
# (the extension's own cost is in those runs' figures: use it to count, not for before and after). Every service's RSS is
# sampled each second: the first sample is at rest, the maximum the peak. NULL=1 adds a third
# endpoint beside moto_server, the null one (null_ecs.js on port 5066, Node): every call answered at
# once with the longest answer of its operation recorded from the first stack's first warm-up run
# (<out>/null-answers.json; RunTask's is one of 10 tasks), so its throughput is what the driver alone
# reaches on this machine; each measured run is then followed by one against moto and one against it.
# The summary prints the driver's CPU during the throughput phase, the machine's and (moto, null) the
# server's, in cores and in ms per 1,000 tasks. Needs python3 with boto3, psql, moto_server, node
# (NULL=1), and the services built in each worktree (./mvnw package -DskipTests). Run it under the
# build lock.
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
null=
stack_pid=
sampler=
label_opts=
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  [ -n "$stack_pid" ] && { (cd "$root" && ./berth down >/dev/null 2>&1) || true; wait "$stack_pid" 2>/dev/null || true; }
  [ -n "$null" ] && kill "$null" 2>/dev/null || true
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
  local opts_var
  opts_var=$(tr '[:lower:]' '[:upper:]' <<<"$label")_JAVA_OPTS
  label_opts=${!opts_var:-}
  echo "${label_opts:-${BERTH_JAVA_OPTS:-default}}" >"$out/$label-java-opts.txt"
  export BERTH_HOME
  BERTH_HOME=$(mktemp -d /tmp/berth-boto3.XXXXXX)
  up "$label-stack.log"
  if [ -n "${STATEMENTS:-}" ]; then
    load_pg_stat_statements restart "$label-stack-restarted.log"
    cp "$out/$label-stack-restarted.log" "$out/$label-stack.log"
  fi
  grep -o "Berth is up in [0-9.]* s" "$out/$label-stack.log" | tee "$out/$label-startup.txt"
  echo "${services[*]}" >"$out/$label-rss.txt"
  rss >>"$out/$label-rss.txt"
  (while true; do rss >>"$out/$label-rss.txt"; sleep 1; done) &
  sampler=$!
  warmup "$label"
  for i in $(seq 1 "$runs"); do
    python3 "$driver" --endpoint http://localhost:8080 --legs "$out/$label-$i-legs" | tee "$out/$label-$i.json"
    python3 "$driver" --endpoint http://localhost:5055 --server-pid "$moto" | tee "$out/moto-$label-$i.json"
    if [ -n "${NULL:-}" ]; then
      python3 "$driver" --endpoint http://localhost:5066 --server-pid "$null" | tee "$out/null-$label-$i.json"
    fi
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

up() {  # up <log>: ./berth up of the stack in $root, in the background, until it says it is up
  if [ -n "$label_opts" ]; then
    (cd "$root" && BERTH_JAVA_OPTS=$label_opts exec ./berth up) >"$out/$1" 2>&1 &
  else
    (cd "$root" && exec ./berth up) >"$out/$1" 2>&1 &
  fi
  stack_pid=$!
  until grep -q "Berth is up in" "$out/$1"; do
    kill -0 "$stack_pid" 2>/dev/null || { cat "$out/$1"; exit 1; }
    sleep 1
  done
}

. benchmarks/scripts/pg-statements.sh
restart() {  # restart <log>: the stack in $root down and up again on the same data
  (cd "$root" && ./berth down >/dev/null 2>&1) || true
  wait "$stack_pid" 2>/dev/null || true
  up "$1"
}

steady() {  # steady <a.json> <b.json>: whether two runs agree within WARMUP_TOLERANCE on every figure
  python3 - "$1" "$2" "${WARMUP_TOLERANCE:-0.10}" <<'EOF'
import json, sys
a, b, tolerance = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), float(sys.argv[3])
keys = ["runTaskP50Ms", "createClusterP50Ms", "readsP50Ms", "runTaskTasksPerSecond"]
sys.exit(0 if all(abs(a[k] - b[k]) <= tolerance * max(a[k], b[k]) for k in keys) else 1)
EOF
}

warmup() {  # warmup <label>: driver runs until two in a row agree, at least 2, at most WARMUP_MAX
  local label=$1 n=1
  echo "== $label: warm-up runs (not counted)"
  if [ -n "${NULL:-}" ] && [ -z "$null" ]; then
    # The null endpoint's answers: Berth's own, recorded in a run that is not counted.
    python3 "$driver" --endpoint http://localhost:8080 --record "$out/null-answers.json" \
      | tee "$out/$label-warmup-1.json"
    node "$here/benchmarks/scripts/null_ecs.js" 5066 "$out/null-answers.json" >"$out/null.log" 2>&1 &
    null=$!
    until curl -s -o /dev/null http://localhost:5066/; do sleep 0.2; done
    # Node compiles its hot paths as it goes: one run first, not counted, as for moto.
    python3 "$driver" --endpoint http://localhost:5066 >"$out/null-warmup.json"
  else
    python3 "$driver" --endpoint http://localhost:8080 | tee "$out/$label-warmup-1.json"
  fi
  while true; do
    n=$((n + 1))
    python3 "$driver" --endpoint http://localhost:8080 | tee "$out/$label-warmup-$n.json"
    if steady "$out/$label-warmup-$((n - 1)).json" "$out/$label-warmup-$n.json"; then
      echo "$n" >"$out/$label-warmup-runs.txt"
      echo "== $label: steady after $n warm-up runs"
      return
    fi
    if [ "$n" -ge "${WARMUP_MAX:-5}" ]; then
      echo "$n (not steady)" >"$out/$label-warmup-runs.txt"
      echo "== $label: NOT steady after $n warm-up runs (WARMUP_MAX); measuring anyway"
      return
    fi
  done
}

# moto has no JIT, but its first calls import modules: one run first, not counted.
python3 "$driver" --endpoint http://localhost:5055 >"$out/moto-warmup.json"
labels=()
if [ -n "${BEFORE:-}" ]; then
  before_root=$(cd "$BEFORE" && pwd)
  if [ "${FIRST:-before}" = after ]; then
    measure after "$here"
    measure before "$before_root"
  else
    measure before "$before_root"
    measure after "$here"
  fi
  labels+=(before after)
else
  measure after "$here"
  labels+=(after)
fi
echo "order: ${FIRST:-before} first" >"$out/order.txt"

NULL=${NULL:-} python3 - "$out" "$runs" "${labels[@]}" <<'EOF' | tee "$out/summary.txt"
import json, os, statistics, sys
out, runs, labels = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
keys = ["runTaskP50Ms", "createClusterP50Ms", "readsP50Ms", "runTaskTasksPerSecond"]
def load(name):
    return json.load(open(f"{out}/{name}.json"))
# A figure the driver measures since ADR 0060, when every side of the run has it (not a warm-up criterion).
if all("describeClustersAfterRunTaskP50Ms" in load(f"{label}-1") for label in labels):
    keys.append("describeClustersAfterRunTaskP50Ms")
print(open(f"{out}/order.txt").read().strip())
for label in labels:
    warm = open(f"{out}/{label}-warmup-runs.txt").read().strip()
    print(f"== {label} warm-up: {warm} runs (RunTask, CreateCluster, reads p50 ms; tasks/s)")
    for n in range(1, int(warm.split()[0]) + 1):
        w = load(f"{label}-warmup-{n}")
        print(f"   warm-up {n}: {w['runTaskP50Ms']}, {w['createClusterP50Ms']}, {w['readsP50Ms']}; "
              f"{w['runTaskTasksPerSecond']}")
    berth = [load(f"{label}-{i}") for i in range(1, runs + 1)]
    moto = [load(f"moto-{label}-{i}") for i in range(1, runs + 1)]
    print(f"== {label} (medians of {runs}; runs in brackets)")
    for key in keys:
        b = [r[key] for r in berth]; m = [r[key] for r in moto]
        print(f"{key:24s} berth {statistics.median(b):8.1f} {b}   moto {statistics.median(m):8.1f} {m}")
    ratio = statistics.median(r["runTaskTasksPerSecond"] for r in berth) / statistics.median(
        r["runTaskTasksPerSecond"] for r in moto)
    print(f"{'throughput berth / moto':24s} {ratio:.2f}x")
    sides = [("berth", berth), ("moto", moto)]
    if os.environ.get("NULL"):
        null = [load(f"null-{label}-{i}") for i in range(1, runs + 1)]
        sides.append(("null", null))
        rates = {name: statistics.median(r["runTaskTasksPerSecond"] for r in rs) for name, rs in sides}
        print(f"{'null endpoint tasks/s':24s} {rates['null']:8.1f} {[r['runTaskTasksPerSecond'] for r in null]}"
              f"   null / moto {rates['null'] / rates['moto']:.2f}x, berth / null {rates['berth'] / rates['null']:.2f}")
    # The throughput phase's CPU (boto3_peer.py): the driver's, the machine's, the server's where it is one process.
    print("throughput phase CPU, medians: cores (ms per 1,000 tasks)")
    for name, rs in sides:
        cells = []
        for who in ("client", "server", "machine"):
            if all(f"{who}CpuCores" in r for r in rs):
                cores = statistics.median(r[f"{who}CpuCores"] for r in rs)
                per = statistics.median(r[f"{who}CpuMsPer1000Tasks"] for r in rs)
                cells.append(f"{who} {cores:.2f} ({per:.0f})")
        print(f"   {name:6s} " + ", ".join(cells))
    rows = [line.split() for line in open(f"{out}/{label}-rss.txt")]
    names, samples = rows[0], [list(map(int, r)) for r in rows[1:] if len(r) == len(rows[0])]
    print("RSS MB at rest / peak: " + ", ".join(
        f"{n} {samples[0][i]}/{max(s[i] for s in samples)}" for i, n in enumerate(names)))
    print(open(f"{out}/{label}-startup.txt").read().strip())
    print("JVM flags: " + open(f"{out}/{label}-java-opts.txt").read().strip())
EOF
for label in "${labels[@]}"; do
  for phase in createCluster runTask reads; do
    echo "== $label: where a lone $phase call went, all $runs runs (benchmarks/scripts/legs.py, means)"
    pairs=()
    for i in $(seq 1 "$runs"); do
      pairs+=("$out/$label-$i-legs/$phase-before" "$out/$label-$i-legs/$phase-after")
    done
    python3 benchmarks/scripts/legs.py --calls $((runs * 100)) "${pairs[@]}"
  done
done | tee -a "$out/summary.txt"
