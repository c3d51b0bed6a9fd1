#!/usr/bin/env python3
"""The serial collector's work per answered RunTask in each measured load run (docs/benchmarks.md, "The collectors'
share of a RunTask, session 16").

    python3 benchmarks/scripts/gc_share.py <results directory> <directory of the services' GC logs>

The services write their logs with `-Xlog:gc,gc+heap:file=<dir>/gc-%p.log:utctime,uptime` (given through
BERTH_JAVA_OPTS or a service's BERTH_JAVA_OPTS_<SERVICE>); the run is under cores.py, whose cores.jsonl names the
process behind each pid. A run's window is cores.py's: from the load generator's "Sending from" line plus its warm-up to
its JSON report. Prints per service in that window: young and full collections, their pause time, the collections'
pause time per answered RunTask, what the young collections promoted (MB/s and KB per RunTask), the old generation's
occupancy after each full collection (the live set: min / max) and its committed size at the end.
"""
import glob
import json
import os
import re
import sys
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cores import measured_runs  # noqa: E402  (the window cores.py measures in)

LINE = re.compile(r"^\[(?P<utc>[^\]]+)\]\[(?P<up>[0-9.]+)s\] GC\((?P<id>\d+)\) (?P<text>.*)$")
GEN = re.compile(r"(DefNew|Tenured): (\d+)K\((\d+)K\)->(\d+)K\((\d+)K\)")
PAUSE = re.compile(r"Pause (Young|Full) .* ([0-9.]+)ms$")


def collections(path):
    """Each collection of a log: (UTC seconds, kind, pause ms, tenured before K, after K, tenured committed K)."""
    found, tenured = [], {}
    with open(path) as f:
        for line in f:
            m = LINE.match(line.strip())
            if not m:
                continue
            gen = GEN.search(m["text"])
            if gen and gen[1] == "Tenured":
                tenured[m["id"]] = (int(gen[2]), int(gen[4]), int(gen[5]))
            pause = PAUSE.search(m["text"])
            if pause:
                t = datetime.strptime(m["utc"], "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
                before, after, committed = tenured.get(m["id"], (0, 0, 0))
                found.append((t, pause[1], float(pause[2]), before, after, committed))
    return found


def windows(out):
    """cores.py's window of each measured run: (name, start, end, answered)."""
    return [(name, start, end, measured["answered"]) for name, start, end, measured in measured_runs(out)]


def main(out, logs):
    names = {}
    with open(f"{out}/cores.jsonl") as f:
        for line in f:
            for pid, (group, _) in json.loads(line)["procs"].items():
                names[pid] = group
    lines = ["  the collectors per measured run (benchmarks/scripts/gc_share.py):\n"]
    for name, start, end, answered in windows(out):
        seconds = end - start
        lines.append(f"  {name} ({seconds:.0f} s, {answered} RunTasks answered)\n")
        for path in sorted(glob.glob(f"{logs}/gc-*.log")):
            pid = re.search(r"gc-(\d+)\.log", path)[1]
            found = [c for c in collections(path) if start <= c[0] <= end]
            if not found:
                continue
            young = [c for c in found if c[1] == "Young"]
            full = [c for c in found if c[1] == "Full"]
            pause = sum(c[2] for c in found)
            promoted = sum(max(0, c[4] - c[3]) for c in young) / 1024.0
            live = [c[4] / 1024.0 for c in full]
            lines.append(
                f"    {names.get(pid, 'pid ' + pid):18} young {len(young):4} ({sum(c[2] for c in young):7.0f} ms), "
                f"full {len(full):3} ({sum(c[2] for c in full):6.0f} ms); pauses {pause / max(answered, 1):.2f} ms "
                f"per RunTask ({100.0 * pause / 1000.0 / seconds:.1f} % of a core); promoted {promoted / seconds:.1f} "
                f"MB/s = {1024.0 * promoted / max(answered, 1):.0f} KB per RunTask; old after full "
                + (f"{min(live):.0f}–{max(live):.0f} MB" if live else "–")
                + f", old committed at the end {found[-1][5] / 1024.0:.0f} MB\n")
    return "".join(lines)


if __name__ == "__main__":
    print(main(sys.argv[1], sys.argv[2]), end="")
