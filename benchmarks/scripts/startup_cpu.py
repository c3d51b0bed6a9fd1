#!/usr/bin/env python3
"""CPU seconds each running Berth service has used so far, by kind of thread.

    benchmarks/scripts/startup_cpu.py <BERTH_HOME>

Reads the pids the launcher records in <BERTH_HOME>/children.pids and stack.pid and, for every JVM
among them (the services and the launcher, which hosts the Kafka broker), sums /proc/<pid>/task/*/stat by thread name: the JIT's compiler threads, the garbage
collector's, and everything else (the application and the frameworks). startup-time.sh prints it
right after "Berth is up", so the figures are the CPU each service spent getting ready. The last
column is the process's own total (/proc/<pid>/stat), which also counts threads that have already
exited (a compiler thread the JVM stopped, a finished start-up thread): the per-thread columns miss those.
"""
import os
import sys

import cores

TICKS = os.sysconf("SC_CLK_TCK")


def kind(name):
    if "CompilerThre" in name:
        return "jit"
    if name.startswith(("VM Thread", "GC Thread", "G1 ", "VM Periodic")):
        return "gc"
    return "app"


def threads(pid):
    totals = {"jit": 0.0, "gc": 0.0, "app": 0.0}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name, ticks = cores.stat_ticks(stat)
        totals[kind(name)] += ticks / TICKS
    return totals


def cpu_seconds(stat):
    """User and system time of a /proc/.../stat line, in seconds."""
    return cores.stat_ticks(stat)[1] / TICKS


def process_total(pid):
    with open(f"/proc/{pid}/stat") as f:
        return cpu_seconds(f.read())


def command_line(pid):
    """The process's arguments, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().split(b"\0")
    except OSError:
        return None


def stack_pids(home):
    """The pids the launcher recorded: its children (services, postmaster, Podman), then its own."""
    pids = []
    for listing in ("children.pids", "stack.pid"):
        try:
            with open(os.path.join(home, listing)) as f:
                pids += [int(line) for line in f.read().split() if line.strip().isdigit()]
        except OSError:
            pass
    return pids


def service_of(pid):
    """The name of a Berth JVM (a service, or the launcher that hosts the broker); None for any other."""
    for arg in command_line(pid) or []:
        if arg.endswith(b"berth-local-stack.jar"):
            return "launcher (Kafka)"
        if arg.endswith(b"/target/quarkus-app/quarkus-run.jar"):
            return arg.decode().split("/")[-4]
    return None


def main():
    home = sys.argv[1]
    rows = []
    for pid in stack_pids(home):
        if service_of(pid):
            rows.append((service_of(pid), threads(pid), process_total(pid)))
    total = {"jit": 0.0, "gc": 0.0, "app": 0.0}
    processes = 0.0
    print(f"  {'CPU s at ready':<18} {'jit':>6} {'gc':>6} {'app':>6} {'all':>6} {'process':>8}")
    for name, t, process in rows:
        for k in total:
            total[k] += t[k]
        processes += process
        print(f"  {name:<18} {t['jit']:6.1f} {t['gc']:6.1f} {t['app']:6.1f} {sum(t.values()):6.1f} {process:8.1f}")
    print(f"  {'all JVMs':<18} {total['jit']:6.1f} {total['gc']:6.1f} {total['app']:6.1f}"
          f" {sum(total.values()):6.1f} {processes:8.1f}")


if __name__ == "__main__":
    main()
