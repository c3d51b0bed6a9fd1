#!/usr/bin/env bash
# What it costs Podman's API service to be watched (ADR 0053): the service's CPU time over $SECONDS_PER_PHASE s
# with $CONTAINERS running `sleep 600` containers and, in turn,
#   idle     nothing open,
#   wait1    one POST /containers/{id}/wait?condition=not-running open, for one container,
#   waits    one such wait open per container (what the agent did until ADR 0053),
#   events   one GET /events stream filtered to type container, event die (what it does now; the filter is
#            {"type":["container"],"event":["die","died"]}: Podman 4.3 matches its own name of the event,
#            "died", though it reports "die", and Docker ignores a value it does not know),
#   follows  one GET /containers/{id}/logs?follow=true open per container (awslogs shipping),
# then checks that the filtered stream delivered the die of an exited container with its exit code, and nothing
# else of it (not its create, start, ...).
#   benchmarks/scripts/engine-watch-cost.sh [containers] [seconds per phase]     (under /work/bin/locked)
# Its own Podman service, storage and busybox image in a temporary directory, all removed at the end.
set -euo pipefail
containers=${1:-60}
seconds=${2:-20}
dir=$(mktemp -d /tmp/berth-watch-cost.XXXXXX)
socket=$dir/podman.sock
image=localhost/berth/busybox:latest
label=com.amazonaws.ecs.task-arn
cat >"$dir/containers.conf" <<'EOF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
[engine]
runtime = "runc"
EOF
podman_() {
  env CONTAINERS_CONF="$dir/containers.conf" podman --root "$dir/storage" --runroot "$dir/run" "$@"
}
clients=()
service=
cleanup() {
  for pid in "${clients[@]}"; do kill "$pid" 2>/dev/null || true; done
  podman_ rm --all --force --time 0 >/dev/null 2>&1 || true
  [ -n "$service" ] && kill "$service" 2>/dev/null && wait "$service" 2>/dev/null || true
  # Podman bind-mounts its overlay directory onto itself, and leaves it mounted.
  umount "$dir/storage/overlay" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

mkdir -p "$dir/rootfs/bin"
cp /bin/busybox "$dir/rootfs/bin/busybox"
for applet in sh sleep; do ln -s busybox "$dir/rootfs/bin/$applet"; done
tar -C "$dir/rootfs" -cf "$dir/busybox.tar" .
podman_ import "$dir/busybox.tar" "$image" >/dev/null

env CONTAINERS_CONF="$dir/containers.conf" podman --root "$dir/storage" --runroot "$dir/run" \
  system service --time=0 "unix://$socket" >"$dir/service.log" 2>&1 &
service=$!
until curl -s --unix-socket "$socket" http://d/v1.41/version >/dev/null; do sleep 0.2; done

ids=()
for i in $(seq 1 "$containers"); do
  ids+=("$(podman_ run -d --label "$label=watch-cost-$i" "$image" sleep 600)")
done

ticks() {  # the service's user + system time so far, in clock ticks
  awk '{print $14 + $15}' "/proc/$service/stat"
}
hz=$(getconf CLK_TCK)
phase() {  # phase <name>: the service's CPU over the next $seconds s, with whatever is open now
  sleep 2
  local before after
  before=$(ticks)
  sleep "$seconds"
  after=$(ticks)
  printf '%-8s %5d ticks in %d s = %.3f cores (%d containers running)\n' "$1" $((after - before)) "$seconds" \
    "$(echo "($after - $before) / $hz / $seconds" | bc -l)" "$containers"
}
close_clients() {
  for pid in "${clients[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${clients[@]}"; do wait "$pid" 2>/dev/null || true; done
  clients=()
}

phase idle

curl -s --unix-socket "$socket" -X POST "http://d/v1.41/containers/${ids[0]}/wait?condition=not-running" \
  >/dev/null 2>&1 &
clients+=($!)
phase wait1
close_clients

for id in "${ids[@]}"; do
  curl -s --unix-socket "$socket" -X POST "http://d/v1.41/containers/$id/wait?condition=not-running" \
    >/dev/null 2>&1 &
  clients+=($!)
done
phase waits
close_clients

filters='{"type":["container"],"event":["die","died"]}'
curl -s -N --unix-socket "$socket" -G "http://d/v1.41/events" --data-urlencode "filters=$filters" \
  >"$dir/events.json" 2>/dev/null &
clients+=($!)
phase events
podman_ run --label "$label=watch-cost-exits" "$image" sh -c 'exit 7' >/dev/null || true
for _ in $(seq 1 50); do grep -q '"exitCode":"7"' "$dir/events.json" && break; sleep 0.1; done
close_clients
echo "events stream: $(grep -c '"Action":"die"' "$dir/events.json" || true) die event(s) delivered," \
  "$(grep -vc '"Action":"die"' "$dir/events.json" || true) other event(s)," \
  "exit code 7 $(grep -q '"exitCode":"7"' "$dir/events.json" && echo present || echo MISSING)"

for id in "${ids[@]}"; do
  curl -s --unix-socket "$socket" \
    "http://d/v1.41/containers/$id/logs?stdout=true&stderr=true&follow=true&timestamps=true&since=0" \
    >/dev/null 2>&1 &
  clients+=($!)
done
phase follows
close_clients
