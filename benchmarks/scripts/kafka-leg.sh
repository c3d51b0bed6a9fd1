#!/usr/bin/env bash
# One Kafka leg with raw clients against the local stack's embedded broker (issues 16 and 21):
# send → a plain KafkaConsumer.poll returns the record, one record at a time, with the outbox
# relay's producer settings and the services' consumer settings, then with one setting varied at a
# time. The figure to hold beside the connector's berth_consumer_received_seconds.
#
#   /work/bin/mvnl -pl local-stack -am package -DskipTests     # once: the launcher jar and its lib/
#   /work/bin/locked benchmarks/scripts/kafka-leg.sh [records] [gapMs] [rounds] [variant...]
#
# The broker runs in a JVM of its own with the launcher's flags (as ./berth up hosts it), on
# ports 9092/9093 — no stack may be running. Defaults: 500 records, 20 ms apart, 3 rounds, every
# variant (KafkaLeg.java lists them). Output: target/results/kafka-leg-<time>/leg.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."

records=${1:-500}
gap=${2:-20}
rounds=${3:-3}
shift $(( $# < 3 ? $# : 3 ))

jar=local-stack/target/berth-local-stack.jar
[ -f "$jar" ] || { echo "build the launcher first: ./mvnw -pl local-stack -am package -DskipTests" >&2; exit 1; }
cp="$jar:local-stack/target/lib/*"
out=benchmarks/target/results/kafka-leg-$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$out"
logdir=$(mktemp -d /tmp/kafka-leg-broker.XXXXXX)

java ${BERTH_LAUNCHER_OPTS:--Xmx512m -XX:+UseSerialGC} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$cp" benchmarks/scripts/KafkaLeg.java broker "$logdir" 9092 9093 > "$out/broker.log" 2>&1 &
broker=$!
cleanup() { kill "$broker" 2>/dev/null || true; wait "$broker" 2>/dev/null || true; rm -rf "$logdir"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  grep -q "broker ready" "$out/broker.log" && break
  kill -0 "$broker" 2>/dev/null || { cat "$out/broker.log" >&2; exit 1; }
  sleep 0.5
done
grep -q "broker ready" "$out/broker.log" || { echo "broker not ready in 60 s" >&2; exit 1; }

{
  echo "# $(date -u +%FT%TZ) $(nproc) cores, $(git rev-parse --short HEAD), load: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xmx256m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$cp" benchmarks/scripts/KafkaLeg.java leg localhost:9092 "$records" "$gap" "$rounds" "$@"
} 2>&1 | tee "$out/leg.txt"
echo "results in $out"
