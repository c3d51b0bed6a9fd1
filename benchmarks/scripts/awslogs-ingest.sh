#!/usr/bin/env bash
# awslogs ingestion (issue 19), docs/benchmarks.md:
#   benchmarks/scripts/awslogs-ingest.sh [lines-per-second-per-container] [seconds]   (default 50, 60)
# A fresh stack (./berth up) with 10 simulated instances; one task definition of 10 containers, each
# logging through awslogs the generated lines of `berth.simulate.log-rate`; RunTask count 10: 100
# containers, 100 streams. After a 30 s warm-up, the newest event (its line number and its timestamp)
# of SAMPLE streams (default 20; each AWS CLI call costs half a second) is read twice, SECONDS apart:
# their mean lines stored per second, times the streams, is the rate stored. The lag of a line is
# ingestionTime - timestamp (the line written by the container -> stored, which is when GetLogEvents
# returns it), over every event the sampled streams hold from 25 s to 10 s before the end (old enough
# that every line of that window has been shipped, whatever its lag up to 10 s): p50 and p99. The
# newest events alone would be biased: they are the tail of the last batch, the lines with the
# shortest wait. A stream whose newest event did not move between the two reads counts as storing
# nothing (the stack fell behind).
# Needs only the AWS CLI v2 (/usr/bin/aws) and python3; run it under the build lock.
set -euo pipefail
cd "$(dirname "$0")/../.."
rate=${1:-50}
seconds=${2:-60}
sample=${SAMPLE:-20}
out=benchmarks/target/results/awslogs-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
if curl -s -o /dev/null http://localhost:8080/; then
  echo "Something already answers on port 8080: stop that stack first." >&2
  exit 1
fi
export BERTH_HOME=$(mktemp -d /tmp/berth-bench.XXXXXX)
export BERTH_FLEET=logs-bench:m5.4xlarge:10:simulated
./berth up >"$out/stack.log" 2>&1 &
stack=$!
cleanup() { ./berth down >/dev/null 2>&1 || true; wait "$stack" 2>/dev/null || true; rm -rf "$BERTH_HOME"; }
trap cleanup EXIT
aws() { AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_PAGER= /usr/bin/aws --endpoint-url http://localhost:8080 \
  --region us-east-1 --output json "$@" </dev/null; }
until grep -q "Berth is up" "$out/stack.log"; do
  kill -0 "$stack" 2>/dev/null || { echo "the stack did not start: $out/stack.log" >&2; exit 1; }
  sleep 2
done
until aws ecs list-container-instances --cluster logs-bench | python3 -c \
  'import json,sys; sys.exit(0 if len(json.load(sys.stdin)["containerInstanceArns"]) == 10 else 1)'; do sleep 1; done

containers=$(python3 - "$rate" <<'PY'
import json, sys
print(json.dumps([{"name": f"c{i}", "image": "busybox", "memory": 32, "essential": i == 0,
    "dockerLabels": {"berth.simulate.log-rate": sys.argv[1]},
    "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/bench/awslogs",
        "awslogs-region": "us-east-1", "awslogs-stream-prefix": "b", "awslogs-create-group": "true"}}}
    for i in range(10)]))
PY
)
aws ecs register-task-definition --family logs-bench --execution-role-arn \
  arn:aws:iam::000000000000:role/ecsTaskExecutionRole --container-definitions "$containers" >/dev/null
aws ecs run-task --cluster logs-bench --task-definition logs-bench --count 10 >"$out/run-task.json"
sleep 30  # warm-up: the tasks start, the streams fill, the JITs compile

aws logs describe-log-streams --log-group-name /bench/awslogs --query 'logStreams[].logStreamName' --output text \
  | tr '\t' '\n' >"$out/streams.txt"
streams=$(wc -l <"$out/streams.txt")
head -n "$sample" "$out/streams.txt" >"$out/sampled.txt"
newest() {  # the sampled streams' newest events: stream, line number, timestamp
  while read -r stream; do
      aws logs get-log-events --log-group-name /bench/awslogs --log-stream-name "$stream" --limit 1 \
        --query 'events[0].[message,timestamp]' --output text | awk -v s="$stream" '{print s, $3, $NF}'
  done <"$out/sampled.txt"
}
newest >"$out/first.txt"
sleep "$seconds"
newest >"$out/second.txt"
end=$(( $(date +%s%3N) - 10000 ))
while read -r stream; do
  aws logs get-log-events --log-group-name /bench/awslogs --log-stream-name "$stream" --start-from-head \
    --start-time $(( end - 15000 )) --end-time "$end" --limit 10000 \
    --query 'events[].[timestamp,ingestionTime]' --output text
done <"$out/sampled.txt" >"$out/lags.txt"

python3 - "$out" "$rate" "$streams" <<'PY' | tee "$out/summary.txt"
import sys
out, rate, total = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
def read(name):
    return {s: (int(n), int(t)) for s, n, t in (line.split() for line in open(f"{out}/{name}") if line.strip())}
first, second = read("first.txt"), read("second.txt")
streams = sorted(set(first) & set(second))
def rate_of(s):
    elapsed = (second[s][1] - first[s][1]) / 1000
    return (second[s][0] - first[s][0]) / elapsed if elapsed > 0 else 0.0
stalled = sum(1 for s in streams if second[s][1] == first[s][1])
per_stream = sum(rate_of(s) for s in streams) / len(streams)
lags = sorted(int(i) - int(t) for t, i in (line.split() for line in open(f"{out}/lags.txt") if line.strip()))
pct = lambda p: lags[min(len(lags) - 1, int(p * len(lags)))] / 1000
print(f"streams {total} ({len(streams)} sampled), offered {rate * total:.0f} lines/s, stored {per_stream * total:.0f}"
      f" lines/s ({stalled} sampled streams stalled); lag written -> stored over {len(lags)} lines:"
      f" p50 {pct(0.5):.2f} s, p99 {pct(0.99):.2f} s")
PY
