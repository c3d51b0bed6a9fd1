#!/usr/bin/env python3
"""CPU per request of each process of the stack over a window of a run that is already going.

    window_cpu.py <log> <marker> <delay-s> <window-s> <out-file>

Waits until <marker> appears in <log> (stack-scenario.sh prints "== <run name>" as a load starts),
sleeps <delay-s> (the load's own warm-up), then reads each process's user + system ticks
(/proc/<pid>/stat: threads that ended inside the window included) and the ECS requests the gateway
answered (berth_api_requests_seconds_count), again after <window-s>, and writes CPU milliseconds per
request per process (read_cost.py's groups). Reads /proc only, so it can run beside a scenario:
    python3 benchmarks/scripts/window_cpu.py /tmp/api.log "== reads-1000-1" 10 15 cpu.txt &
    API_MIXES=reads benchmarks/scripts/stack-scenario.sh api 1 >/tmp/api.log
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from read_cost import answered, pids  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def ticks(pid):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def snapshot(processes):
    return {name: sum(ticks(p) for p in found) for name, found in processes.items()}


def main():
    log, marker, delay, window, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    while True:
        try:
            if marker in open(log).read():
                break
        except OSError:
            pass
        time.sleep(0.5)
    time.sleep(delay)
    processes = pids()
    before, count_before, start = snapshot(processes), answered(), time.time()
    time.sleep(window)
    after, count_after, end = snapshot(processes), answered(), time.time()
    requests = count_after - count_before
    lines = [f"window {end - start:.1f} s, {requests:.0f} ECS requests answered by the gateway "
             f"({requests / (end - start):.0f}/s)"]
    total = 0.0
    for name in sorted(after, key=lambda n: -(after[n] - before.get(n, 0))):
        ms = (after[name] - before.get(name, 0)) * 1000 / TICK
        total += ms if name != "load generator" else 0
        lines.append(f"  {name:28s} {ms / max(requests, 1):7.3f} ms per request   {ms / 1000 / (end - start):5.2f} cores")
    lines.append(f"  {'the stack':28s} {total / max(requests, 1):7.3f} ms per request   {total / 1000 / (end - start):5.2f} cores")
    open(out, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
