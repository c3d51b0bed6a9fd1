#!/usr/bin/env python3
"""Where an idle stack's CPU goes (benchmarks/scripts/idle-stack.sh; docs/benchmarks.md, "An idle stack").

    python3 benchmarks/scripts/idle_threads.py <seconds> <results directory>

Reads the user + system time of every thread of every process cores.py can name (a Berth service, the launcher with
its broker, PostgreSQL, Podman's service, ...) and the machine's times, waits <seconds>, reads them again, and
prints: the machine's busy share, each process group's CPU seconds and share of one core with its RSS, and the
threads by name (a name's trailing number dropped, so a pool's threads add up) per group, largest first. Appends it to
<results>/summary.txt. Threads born within the window count from zero; threads that ended within it are missed.
"""
import os
import re
import sys
import time

import cores

HZ = os.sysconf("SC_CLK_TCK")
POOL_SUFFIX = re.compile(r"[-_ #]*\d+$")


def threads():
    seen = {}
    for pid, (group, _) in cores.processes().items():
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/stat") as f:
                    tstat = f.read()
                name, ticks = cores.stat_ticks(tstat)
                seen[(pid, tid)] = (group, POOL_SUFFIX.sub("", name) or "?", ticks)
        except (OSError, ValueError):
            continue
    return seen


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) // 1024
    except (OSError, StopIteration):
        return 0


def main():
    seconds, out = float(sys.argv[1]), sys.argv[2]
    m0, t0 = cores.machine(), threads()
    time.sleep(seconds)
    m1, t1 = cores.machine(), threads()
    busy = 100.0 * (1 - (m1["idle"] - m0["idle"]) / (m1["all"] - m0["all"]))
    groups, names, pids = {}, {}, {}
    for key, (group, name, ticks) in t1.items():
        used = ticks - t0.get(key, (group, name, 0))[2]
        groups[group] = groups.get(group, 0) + used
        names[(group, name)] = names.get((group, name), 0) + used
        pids.setdefault(group, set()).add(key[0])
    total = sum(groups.values())
    lines = [f"idle window {seconds:.0f} s: the machine {busy:.1f} % busy (of {os.cpu_count()} cores); "
             f"the named processes {total / HZ:.2f} CPU s = {100.0 * total / HZ / seconds:.2f} % of one core\n",
             "  group                     CPU s   % of a core   RSS MB\n"]
    for group, used in sorted(groups.items(), key=lambda g: -g[1]):
        rss = sum(rss_mb(pid) for pid in pids[group])
        lines.append(f"  {group:<24} {used / HZ:7.2f}   {100.0 * used / HZ / seconds:8.2f}   {rss:7d}\n")
    lines.append("  threads by name (a pool's threads together), at least 0.05 % of a core:\n")
    for (group, name), used in sorted(names.items(), key=lambda n: -n[1]):
        share = 100.0 * used / HZ / seconds
        if share >= 0.05:
            lines.append(f"  {share:6.2f} %  {group:<24} {name}\n")
    report = "".join(lines)
    with open(f"{out}/summary.txt", "a") as f:
        f.write(report)
    print(report, end="")


if __name__ == "__main__":
    main()
