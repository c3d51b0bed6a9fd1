#!/usr/bin/env bash
# Profiles the stack's broker during one load run of a stack scenario (docs/benchmarks.md, "The broker's CPU per
# RunTask, session 19"): started before the scenario, it waits for the run <name> (e.g. runtask-20-1) to be in its
# measured part, then over <seconds>
#   - read_cost.py: every thread's CPU per RunTask (the launcher's by thread: network, request handlers, ...);
#   - BrokerRequests.java: the broker's requests by API key, over JMX (opened in the launcher with jcmd);
#   - kafka_clients.py: each service's clients' requests, fetches, heartbeats and commits per RunTask;
# then a JFR profile of the launcher over as many seconds (read_cost.py profiles the services in the same window).
# COUNT_ONLY=1 takes the requests alone (no read_cost.py, no JFR), light enough to run beside a measured pair.
#     benchmarks/scripts/broker-run.sh <scenario> <name> [seconds]     (seconds defaults to 12)
# Writes into the run's results directory: read-cost.txt, broker-requests.txt, kafka-clients.txt, launcher.jfr.
set -euo pipefail
cd "$(dirname "$0")/../.."
scenario=${1:?usage: broker-run.sh <scenario> <run name> [seconds]}
name=${2:?usage: broker-run.sh <scenario> <run name> [seconds]}
seconds=${3:-12}
port=${BROKER_JMX_PORT:-9999}
classes=$(mktemp -d)
javac -d "$classes" benchmarks/scripts/BrokerRequests.java
. benchmarks/scripts/measured-part.sh
await_measured_part "$scenario" "$name"
launcher=$(pgrep -f "berth-local-stack.jar up" | head -1)
jcmd "$launcher" ManagementAgent.start "jmxremote.port=$port" jmxremote.authenticate=false jmxremote.ssl=false \
  jmxremote.rmi.port="$port" >/dev/null
if [ "${COUNT_ONLY:-0}" != 1 ]; then
  python3 benchmarks/scripts/read_cost.py "$out" "$seconds" >/dev/null &
  profiler=$!
fi
java -cp "$classes" BrokerRequests "$port" "$seconds" >"$out/broker-requests.txt" &
requests=$!
python3 benchmarks/scripts/kafka_clients.py "$seconds" >"$out/kafka-clients.txt"
wait "$requests"
if [ "${COUNT_ONLY:-0}" != 1 ]; then
  jcmd "$launcher" JFR.start name=broker settings=profile filename="$(pwd)/$out/launcher.jfr" duration="${seconds}s" \
    >/dev/null
  wait "$profiler"
  sleep 3  # JFR writes its file when its duration ends
fi
rm -rf "$classes"
echo "profiled the broker in $name in $out"
