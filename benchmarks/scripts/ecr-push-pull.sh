#!/usr/bin/env bash
# The ECR scenario of docs/benchmarks.md: podman pushes a 50 MB image (one incompressible layer) to
# Berth's registry and pulls it back, side by side with the same push and pull against Debian's
# docker-registry (Distribution, the registry:2 image's program) on the same machine, and with
# skopeo copying the same image between two local directories (the disk's own speed, the limit).
#   benchmarks/scripts/ecr-push-pull.sh [runs]        (default 3; SIZE_MB=50)
# Each run makes a new image (new random bytes, so no registry can skip a layer it has), pushes it
# to both registries in alternating order, removes it locally, and pulls it from both. A fresh stack
# is started for the run and stopped at the end. Needs podman, runc, skopeo, busybox-static,
# docker-registry and awscli (apt-get install).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
size_mb=${SIZE_MB:-50}
peer_port=${PEER_PORT:-5055}
out=benchmarks/target/results/ecr-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
for tool in /usr/bin/podman /usr/bin/skopeo /usr/bin/docker-registry /bin/busybox /usr/bin/aws; do
  [ -x "$tool" ] || { echo "$tool is missing: apt-get install podman runc skopeo docker-registry busybox-static awscli" >&2; exit 1; }
done
if curl -s -o /dev/null http://localhost:8080/; then
  echo "Something already answers on port 8080: stop that stack first." >&2
  exit 1
fi
export BERTH_HOME=$(mktemp -d /tmp/berth-bench.XXXXXX)
work=$(mktemp -d /tmp/berth-ecr-bench.XXXXXX)
./berth up >"$out/stack.log" 2>&1 &
stack=$!
cleanup() {
  [ -n "${peer:-}" ] && kill "$peer" 2>/dev/null || true
  podman_ system reset --force >/dev/null 2>&1 || true
  ./berth down >/dev/null 2>&1 || true
  wait "$stack" 2>/dev/null || true
  rm -rf "$BERTH_HOME" "$work"
}
trap cleanup EXIT

# The peer: Distribution with filesystem storage, plain HTTP, no authentication.
cat >"$work/registry.yml" <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/peer-storage
http:
  addr: 127.0.0.1:$peer_port
YAML
docker-registry serve "$work/registry.yml" >"$out/peer.log" 2>&1 &
peer=$!

# podman with storage, configuration and credentials of its own.
cat >"$work/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
[engine]
runtime = "runc"
CONF
podman_() {
  CONTAINERS_CONF="$work/containers.conf" CONTAINERS_REGISTRIES_CONF="$BERTH_HOME/registries.conf" \
    REGISTRY_AUTH_FILE="$work/auth.json" podman --root "$work/storage" --runroot "$work/run" "$@"
}
until grep -q "Berth is up in" "$out/stack.log"; do
  kill -0 "$stack" 2>/dev/null || { cat "$out/stack.log"; exit 1; }
  sleep 1
done
aws() { AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_PAGER= /usr/bin/aws --endpoint-url http://localhost:8080 --region us-east-1 "$@"; }
aws ecr get-login-password | podman_ login --username AWS --password-stdin --tls-verify=false localhost:8085 >/dev/null

now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc; }
printf "run\tcase\tseconds\n" >"$out/times.tsv"
record() { printf "%s\t%s\t%.2f\n" "$1" "$2" "$3" | tee -a "$out/times.tsv"; }

for run in $(seq 1 "$runs"); do
  rootfs=$work/rootfs-$run
  mkdir -p "$rootfs/bin"
  cp /bin/busybox "$rootfs/bin/"
  head -c "$((size_mb * 1024 * 1024))" /dev/urandom >"$rootfs/payload"
  tar -C "$rootfs" -cf "$work/rootfs-$run.tar" .
  image=localhost/bench/ecr:$run
  podman_ import "$work/rootfs-$run.tar" "$image" >/dev/null
  aws ecr create-repository --repository-name "bench/run$run" >/dev/null
  berth=localhost:8085/bench/run$run:1
  other=localhost:$peer_port/bench/run$run:1

  # The limit: the same image copied between two local directories by the same image library.
  podman_ save --format oci-dir -o "$work/oci-$run" "$image" >/dev/null
  start=$(now); skopeo copy --quiet "oci:$work/oci-$run" "dir:$work/copy-$run"; end=$(now)
  record "$run" "copy dir to dir (disk)" "$(seconds "$start" "$end")"

  order=(berth other); [ $((run % 2)) -eq 0 ] && order=(other berth)
  for target in "${order[@]}"; do
    ref=${!target}
    start=$(now); podman_ push --quiet --tls-verify=false "$image" "$ref"; end=$(now)
    record "$run" "push $target" "$(seconds "$start" "$end")"
  done
  podman_ rmi --force "$image" >/dev/null
  for target in "${order[@]}"; do
    ref=${!target}
    start=$(now); podman_ pull --quiet --tls-verify=false "$ref" >/dev/null; end=$(now)
    record "$run" "pull $target" "$(seconds "$start" "$end")"
    podman_ rmi --force "$ref" >/dev/null
  done
  rm -rf "$rootfs" "$work/rootfs-$run.tar" "$work/oci-$run" "$work/copy-$run"
done

echo
echo "Medians of $runs runs ($size_mb MB image), seconds:"
for case in "copy dir to dir (disk)" "push berth" "push other" "pull berth" "pull other"; do
  median=$(awk -F'\t' -v c="$case" '$2 == c {print $3}' "$out/times.tsv" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf "  %-24s %s\n" "$case" "$median" | tee -a "$out/summary.txt"
done
