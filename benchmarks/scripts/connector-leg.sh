#!/usr/bin/env bash
# The connector's side of kafka-leg.sh: a fresh stack of this worktree, lone RunTasks from
# boto3_peer.py, and what berth_consumer_received_seconds says of them (means from legs.py, and
# the share of records within each bucket, per consumer) — the same broker and the same producer
# settings as kafka-leg.sh, but the consumers are the services' SmallRye channels.
#
#   /work/bin/locked benchmarks/scripts/connector-leg.sh [warmups] [runs]
#
# Defaults: 2 warm-up driver runs (not counted), then 1 measured run of 300 lone RunTasks (and the
# driver's other phases), all with a 10 s throughput phase. Needs the services and the launcher
# built (./mvnw package -DskipTests), python3 with boto3, and nothing on port 8080.
set -euo pipefail
cd "$(dirname "$0")/../.."
warmups=${1:-2}
runs=${2:-1}
out=$(pwd)/benchmarks/target/results/connector-leg-$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$out"
driver=benchmarks/scripts/boto3_peer.py
if curl -s -o /dev/null http://localhost:8080/; then
  echo "Something already answers on port 8080: stop that stack first." >&2
  exit 1
fi
export BERTH_HOME
BERTH_HOME=$(mktemp -d /tmp/berth-connector-leg.XXXXXX)
./berth up >"$out/stack.log" 2>&1 &
stack=$!
cleanup() { ./berth down >/dev/null 2>&1 || true; wait "$stack" 2>/dev/null || true; rm -rf "$BERTH_HOME"; }
trap cleanup EXIT
until grep -q "Berth is up in" "$out/stack.log"; do
  kill -0 "$stack" 2>/dev/null || { cat "$out/stack.log" >&2; exit 1; }
  sleep 1
done
grep -o "Berth is up in [0-9.]* s" "$out/stack.log"
for i in $(seq 1 "$warmups"); do
  python3 "$driver" --endpoint http://localhost:8080 --duration 10 | tee "$out/warmup-$i.json"
done
pairs=()
for i in $(seq 1 "$runs"); do
  python3 "$driver" --endpoint http://localhost:8080 --duration 10 --samples 300 --legs "$out/run-$i-legs" \
    | tee "$out/run-$i.json"
  pairs+=("$out/run-$i-legs/runTask-before" "$out/run-$i-legs/runTask-after")
done
{
  echo "== lone RunTask: legs.py means over $runs run(s) of 300 calls"
  python3 benchmarks/scripts/legs.py --calls $((runs * 300)) "${pairs[@]}"
  echo "== berth_consumer_received_seconds in the lone RunTask phases: records, mean, share within each bucket"
  python3 - "${pairs[@]}" <<'EOF'
import glob, re, sys
LINE = re.compile(r'^berth_consumer_received_seconds_(bucket|count|sum)\{(.*)\} (\S+)$')
LABEL = re.compile(r'([a-z_]+)="([^"]*)"')
def read(prefix):
    values = {}
    for path in glob.glob(prefix + "-80*.txt"):
        for line in open(path):
            m = LINE.match(line.strip())
            if m:
                labels = dict(LABEL.findall(m.group(2)))
                key = (labels.get("consumer"), labels.get("topic"), m.group(1), labels.get("le"))
                values[key] = values.get(key, 0) + float(m.group(3))
    return values
total = {}
pairs = sys.argv[1:]
for before, after in zip(pairs[::2], pairs[1::2]):
    b, a = read(before), read(after)
    for key, value in a.items():
        total[key] = total.get(key, 0) + value - b.get(key, 0)
legs = sorted({(c, t) for c, t, _, _ in total})
for consumer, topic in legs:
    count = total.get((consumer, topic, "count", None), 0)
    if count <= 0:
        continue
    mean = total.get((consumer, topic, "sum", None), 0) / count * 1000
    shares = []
    for le in ("0.001", "0.002", "0.005", "0.01", "0.02"):
        shares.append(f"<={float(le) * 1000:g}ms {total.get((consumer, topic, 'bucket', le), 0) / count:5.0%}")
    print(f"{consumer:28s} {topic:34s} n={int(count):5d} mean {mean:6.2f} ms  " + "  ".join(shares))
EOF
} | tee "$out/summary.txt"
echo "results in $out"
