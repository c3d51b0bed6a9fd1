#!/usr/bin/env bash
# One CreateCluster leg by leg (docs/benchmarks.md, "boto3: the client's ceiling and CreateCluster, session 15"):
#   benchmarks/scripts/create-cluster-profile.sh [worktree] [calls]      (default: this one, 500 calls)
# Starts the stack built in `worktree` on a fresh BERTH_HOME with pg_stat_statements loaded, warms it up with two
# runs of boto3_peer.py (not counted), then makes `calls` CreateClusters one at a time through boto3 while a JFR
# recording (jcmd, the `profile` settings) runs in the cluster-service, and writes beside the recording every
# service's meters and PostgreSQL's counters and statements before and after those calls (<out>/legs/, for
# legs.py), the calls' own p50 and the JFR's hottest methods (jfr_frames.py: self and inclusive, the HTTP workers'
# and all threads'). Needs python3 with boto3, psql, jcmd and jfr, and the services built (./mvnw package -DskipTests).
# Run it under the build lock.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=$(pwd)
root=$(cd "${1:-.}" && pwd)
calls=${2:-500}
out=$here/benchmarks/target/results/create-cluster-profile-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out/legs"
driver=$here/benchmarks/scripts/boto3_peer.py
if curl -s -o /dev/null http://localhost:8080/; then
  echo "Something already answers on port 8080: stop that stack first." >&2
  exit 1
fi
export BERTH_HOME
BERTH_HOME=$(mktemp -d /tmp/berth-profile.XXXXXX)
stack_pid=
down() {
  [ -n "$stack_pid" ] && { (cd "$root" && ./berth down >/dev/null 2>&1) || true; wait "$stack_pid" 2>/dev/null || true; }
  stack_pid=
}
trap 'down; rm -rf "$BERTH_HOME"' EXIT
up() {
  (cd "$root" && exec ./berth up) >"$out/$1" 2>&1 &
  stack_pid=$!
  until grep -q "Berth is up in" "$out/$1"; do
    kill -0 "$stack_pid" 2>/dev/null || { cat "$out/$1"; exit 1; }
    sleep 1
  done
}
up stack.log
. benchmarks/scripts/pg-statements.sh
restart() {  # restart <log>
  down
  up "$1"
}
load_pg_stat_statements restart stack-restarted.log
for n in 1 2; do
  python3 "$driver" --endpoint http://localhost:8080 --duration 10 | tee "$out/warmup-$n.json"
done

pid=$(pgrep -f "$root/cluster-service/target/quarkus-app/quarkus-run.jar" | head -1)
jcmd "$pid" JFR.start name=create settings=profile filename="$out/cluster-service.jfr" >/dev/null
python3 - "$calls" "$out/legs" <<'EOF' | tee "$out/calls.json"
import json, sys, uuid
sys.path.insert(0, "benchmarks/scripts")
import boto3_peer
calls, legs = int(sys.argv[1]), sys.argv[2]
ecs = boto3_peer.client("http://localhost:8080")
run = uuid.uuid4().hex[:8]
ecs.create_cluster(clusterName="profile-" + run)
p50 = boto3_peer.phase(legs, "createCluster", calls,
                       lambda i: ecs.create_cluster(clusterName="profile-%s-%d" % (run, i)))
print(json.dumps({"calls": calls, "createClusterP50Ms": round(p50, 2)}))
EOF
jcmd "$pid" JFR.stop name=create >/dev/null

{
  echo "== legs of $calls CreateClusters (legs.py, means per call)"
  python3 benchmarks/scripts/legs.py --calls "$calls" "$out/legs/createCluster-before" "$out/legs/createCluster-after"
  echo "== the cluster-service's JFR, the HTTP workers' samples (jfr_frames.py)"
  python3 benchmarks/scripts/jfr_frames.py "$out/cluster-service.jfr" executor-thread 40
  echo "== the cluster-service's JFR, every thread's samples"
  python3 benchmarks/scripts/jfr_frames.py "$out/cluster-service.jfr" "" 25
} | tee "$out/summary.txt"
echo "results: $out"
