#!/usr/bin/env python3
"""What the running stack spends its CPU on while a load runs, per process and per request.

    read_cost.py <out-dir> <seconds>

Samples the CPU ticks of the services, the launcher (it hosts the Kafka broker), PostgreSQL and the
load generator at the start and the end of a window, each whole process (/proc/<pid>/stat: its
threads that ended inside the window included) and each thread (/proc/<pid>/task/*/stat), and counts
the requests the gateway answered in it (its berth_api_requests_seconds meter), so that each figure
reads as CPU milliseconds per request. A process's figure is the whole process's; the threads under
it are those alive at both ends, by name (a pool's workers retired inside the window are not among
them: before session 24 the process's figure was that sum, which left out up to half of an owner's
CPU, docs/benchmarks.md, ADR 0086); then records a JFR profile of each service over a
second window as long, and sorts its samples by the innermost framework on their stack.
Writes <out-dir>/read-cost.txt and one <service>.jfr each; stack-scenario.sh `readcost` runs it.
"""
import collections
import glob
import os
import re
import subprocess
import sys
import time
import urllib.request

import cores

SERVICES = ["api-gateway", "cluster-service", "scheduler-service", "agent-service", "scaling-service"]
TICK = os.sysconf("SC_CLK_TCK")
# What a sample's stack is spent on, by the first of these packages found from its top frame down.
CATEGORIES = [
    ("postgresql driver", "org.postgresql."), ("hibernate", "org.hibernate."), ("agroal pool", "io.agroal."),
    ("jdk http client", "jdk.internal.net.http."), ("jackson", "com.fasterxml.jackson."),
    ("micrometer", "io.micrometer."), ("kafka client", "org.apache.kafka."), ("jboss logging", "org.jboss.logmanager."),
    ("resteasy", "org.jboss.resteasy."), ("vert.x / netty", "io.vertx."), ("vert.x / netty", "io.netty."),
    ("berth", "io.berth."), ("jdk nio / sockets", "sun.nio."),
]


def pids():
    found = {}
    for proc in glob.glob("/proc/[0-9]*"):
        try:
            cmdline = open(proc + "/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        pid = int(proc.rsplit("/", 1)[1])
        for service in SERVICES:
            if service + "/target/quarkus-app/quarkus-run.jar" in cmdline:
                found.setdefault(service, []).append(pid)
        if "berth-local-stack.jar up" in cmdline:
            found.setdefault("launcher (Kafka broker)", []).append(pid)
        if cmdline.startswith("postgres") or "/bin/postgres" in cmdline:
            found.setdefault("postgresql", []).append(pid)
        if "io.berth.benchmarks.load.LoadGenerator" in cmdline:
            found.setdefault("load generator", []).append(pid)
    return found


def threads(pid):
    """{thread name: ticks} of one process; names repeat, so ticks of one name add up."""
    ticks = collections.Counter()
    for stat in glob.glob(f"/proc/{pid}/task/*/stat"):
        try:
            text = open(stat).read()
        except OSError:
            continue
        name, used = cores.stat_ticks(text)
        ticks[re.sub(r"[-#]?\d+$", "-N", name)] += used
    return ticks


def process_ticks(pid):
    """The whole process's ticks: the kernel adds a thread's to its process's when the thread ends."""
    try:
        text = open(f"/proc/{pid}/stat").read()
    except OSError:
        return 0
    return cores.stat_ticks(text)[1]


def totals(processes):
    return {name: sum(process_ticks(pid) for pid in group) for name, group in processes.items()}


def snapshot(processes):
    return {name: sum((threads(pid) for pid in group), collections.Counter()) for name, group in processes.items()}


def answered():
    text = urllib.request.urlopen("http://localhost:8080/q/metrics", timeout=10).read().decode()
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if line.startswith("berth_api_requests_seconds_count{") and 'api="ecs"' in line)


def innermost(frames):
    """The first framework from the top of the stack down; plain JDK code counts as its caller's."""
    for frame in frames:
        for label, prefix in CATEGORIES:
            if frame.startswith(prefix):
                return label
    return "jdk"


def categorise(jfr):
    printed = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", jfr],
                             capture_output=True, text=True).stdout
    by_category, by_frame, total = collections.Counter(), collections.Counter(), 0
    for event in printed.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w.$<>]+)\(", event, re.M)
        if not frames:
            continue
        total += 1
        by_frame[frames[0]] += 1
        by_category[innermost(frames)] += 1
    return total, by_category, by_frame


def main():
    # Absolute: jcmd hands the file name to each service, which resolves it from its own directory.
    out, seconds = os.path.abspath(sys.argv[1]), float(sys.argv[2])
    processes = pids()
    # CPU first, then the profile: attaching JFR costs CPU (and compilations) of its own.
    before, whole_before, count_before = snapshot(processes), totals(processes), answered()
    started = time.monotonic()
    time.sleep(seconds)
    after, whole_after, count_after = snapshot(processes), totals(processes), answered()
    elapsed = time.monotonic() - started
    requests = count_after - count_before
    lines = [f"window {elapsed:.1f} s, {requests:.0f} ECS requests answered by the gateway "
             f"({requests / elapsed:.0f}/s); CPU in ms per request, per process (the whole process) and its "
             f"busiest threads (those alive at both ends)"]
    rows = []
    for name in processes:
        used = after[name] - before[name]
        rows.append((whole_after[name] - whole_before[name], name, used))
    machine = 0
    for ticks, name, used in sorted(rows, reverse=True):
        machine += ticks
        ms = ticks * 1000 / TICK
        lines.append(f"{name:26} {ms / max(requests, 1):7.3f} ms/request  ({ms / elapsed / 10:5.1f} % of one core)")
        for thread, t in used.most_common(6):
            if t:
                lines.append(f"    {thread:30} {t * 1000 / TICK / max(requests, 1):7.3f}")
    lines.append(f"{'all of the above':26} {machine * 1000 / TICK / max(requests, 1):7.3f} ms/request "
                 f"({machine * 1000 / TICK / elapsed / 10:5.1f} % of one core)")
    for service in SERVICES:
        for pid in processes.get(service, []):
            subprocess.run(["jcmd", str(pid), "JFR.start", "name=readcost", "settings=profile",
                            f"filename={out}/{service}.jfr", f"duration={int(seconds)}s"], capture_output=True)
    time.sleep(seconds)
    time.sleep(3)  # JFR writes its file when its duration ends
    for service in SERVICES:
        jfr = f"{out}/{service}.jfr"
        if not os.path.exists(jfr):
            continue
        total, by_category, by_frame = categorise(jfr)
        lines.append(f"\n{service}: {total} Java execution samples; by the innermost framework on the stack")
        lines += [f"    {label:22} {n * 100 / max(total, 1):5.1f} %" for label, n in by_category.most_common(10)]
        lines.append("  top frames")
        lines += [f"    {frame[-80:]:80} {n * 100 / max(total, 1):5.1f} %" for frame, n in by_frame.most_common(8)]
    text = "\n".join(lines) + "\n"
    open(f"{out}/read-cost.txt", "w").write(text)
    print(text)


if __name__ == "__main__":
    main()
