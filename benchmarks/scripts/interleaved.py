#!/usr/bin/env python3
"""The sampler and the report of interleaved.sh: two warm stacks side by side, loaded one at a time in windows.

    interleaved.py sample <results> <home-A> <home-B>    (until killed: one line per second to <results>/samples.jsonl)
    interleaved.py report <results>                       (the windows' table and the pairs' differences)

Samples as cores.py does (the machine's times from /proc/stat, every long-lived process's user + system ticks, grouped
by cores.label), and puts each process of a stack under that stack's letter: "A scheduler-service", "B postgres
berth_agent", ... A process is stack A's or B's by its working directory (the services run in their BERTH_HOME,
PostgreSQL in its data directory under it) or, failing that, by the BERTH_HOME of its environment (the launcher, which
hosts the broker). The load client is neither's ("load-client").

A window is one LoadGenerator run named window-<i>-<A|B> in <results>: its measured part (cores.measured_runs). Per
window the report gives the machine's busy CPU, the loaded stack's and each of its services' ms of CPU per RunTask, and
the idle stack's CPU; then B - A per service two ways, each with its mean and a 95 % interval (Student's t):
- over the pairs of windows (1-2, 3-4, ...: A B, B A, ...);
- over the blocks of four (1-4, 5-8, ...: A B B A, or B A A B after an odd number of skipped pairs), the mean of a
  block's two B windows less the mean of its two A windows. A drift of the machine that is linear within a block
  falls equally on both sides and cancels, where in a pair it turns into alternating signs (ADR 0081).
SKIP_WINDOWS=<n> (default 0) leaves the first n windows out of both (a stack still warming); n is rounded down to
an even number so that pairs stay pairs.
"""
import json
import math
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cores  # noqa: E402

# Student's t, two-sided 95 %, by degrees of freedom; beyond the table the normal's 1.96 is close enough.
T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
       2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
SERVICES = ["api-gateway", "scheduler-service", "cluster-service", "agent-service", "scaling-service",
            "registry-service", "logs-service", "launcher+broker", "postgres"]


def stack_of(pid, homes):
    """'A' or 'B' for a process of one of the stacks, None otherwise."""
    try:
        cwd = os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        cwd = ""
    for name, home in homes.items():
        if cwd == home or cwd.startswith(home + "/"):
            return name
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            environ = f.read().split(b"\0")
    except OSError:
        return None
    for name, home in homes.items():
        if b"BERTH_HOME=" + home.encode() in environ:
            return name
    return None


def sample(out, home_a, home_b):
    homes = {"A": os.path.realpath(home_a), "B": os.path.realpath(home_b)}
    known = {}

    def group_of(pid, group):
        if group == "load-client":
            return group
        if pid not in known:
            stack = stack_of(pid, homes)
            if stack is None:
                return None
            known[pid] = stack
        return f"{known[pid]} {group}"

    with open(f"{out}/samples.jsonl", "a") as f:
        while True:
            f.write(json.dumps({"t": time.time(), "machine": cores.machine(),
                                "procs": cores.processes(group_of)}) + "\n")
            f.flush()
            time.sleep(cores.SAMPLE)


def service_of(group):
    """'postgres' for every PostgreSQL process of a stack, the group itself otherwise (without the stack's letter)."""
    name = group.split(" ", 1)[1]
    return "postgres" if name.startswith("postgres") else name


def windows(out, samples):
    rows = []
    for name, start, end, measured in cores.measured_runs(out):
        if not name.startswith("window-"):
            continue
        cpu = cores.window_cpu(samples, start, end)
        if cpu is None:
            continue
        seconds, groups, busy = cpu
        index, side = name.split("-")[1:3]
        idle_side = "B" if side == "A" else "A"
        answered = max(measured["answered"], 1)
        ms = lambda ticks: 1000.0 * ticks / cores.HZ / answered  # noqa: E731
        loaded = {s: 0 for s in SERVICES}
        idle = 0
        for group, ticks in groups.items():
            if group.startswith(side + " "):
                loaded[service_of(group)] = loaded.get(service_of(group), 0) + ticks
            elif group.startswith(idle_side + " "):
                idle += ticks
        rows.append({"window": int(index), "side": side, "seconds": seconds, "answered": measured["answered"],
                     "dropped": measured["dropped"], "p50": (measured.get("latencyMicros") or {}).get("p50", 0) / 1000,
                     "machine": ms(busy), "stack": ms(sum(loaded.values())),
                     "services": {s: ms(t) for s, t in loaded.items()},
                     "load-client": ms(groups.get("load-client", 0)),
                     "idle stack": ms(idle), "idle stack, % of a core": 100.0 * idle / cores.HZ / seconds})
    return sorted(rows, key=lambda r: r["window"])


def interval(values):
    """Mean and half-width of the 95 % interval (t over the values); no width for fewer than two."""
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, float("nan")
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    return mean, (T95[n - 2] if n - 1 <= len(T95) else 1.96) * sd / math.sqrt(n)


def report(out, samples):
    rows = windows(out, samples)
    lines = ["  per window (benchmarks/scripts/interleaved.py; ms of CPU per RunTask of the loaded stack):\n"]
    for r in rows:
        parts = ", ".join(f"{s} {v:.2f}" for s, v in r["services"].items())
        lines.append(f"  window {r['window']} {r['side']} ({r['seconds']:.0f} s): answered {r['answered']} "
                     f"({r['dropped']} dropped), p50 {r['p50']:.0f} ms; machine {r['machine']:.2f}, stack "
                     f"{r['stack']:.2f} ({parts}); load client {r['load-client']:.2f}; idle stack {r['idle stack']:.2f}"
                     f" ({r['idle stack, % of a core']:.1f} % of a core)\n")
    skip = int(os.environ.get("SKIP_WINDOWS", "0")) // 2 * 2
    counted = [r for r in rows if r["window"] > skip]
    by_window = {r["window"]: r for r in counted}
    summary = {}
    for unit, size in (("pairs", 2), ("blocks", 4)):
        groups = []
        for first in range(skip + 1, max(by_window, default=0) + 1, size):
            group = [by_window.get(first + i) for i in range(size)]
            if all(group) and balanced([r["side"] for r in group]):
                groups.append(group)
        lines.append(f"  B - A over {len(groups)} {unit} of {size} windows (ms of CPU per RunTask; 95 % interval by t"
                     f" over the {unit}; {skip} windows skipped):\n")
        summary[unit] = {}
        for k in ["machine", "stack"] + SERVICES + ["idle stack"]:
            if not groups:
                break
            diffs = [side_mean(g, "B", k) - side_mean(g, "A", k) for g in groups]
            mean, half = interval(diffs)
            base = sum(side_mean(g, "A", k) for g in groups) / len(groups)
            relative = f" = {100.0 * mean / base:+.1f} % ± {100.0 * half / base:.1f} % of A's {base:.2f}" if base else ""
            lines.append(f"  {k:18s} {mean:+.3f} ± {half:.3f}{relative}   {unit}: "
                         + " ".join(f"{d:+.3f}" for d in diffs) + "\n")
            summary[unit][k] = {unit: diffs, "mean": mean, "half-width": half, "a-mean": base}
    with open(f"{out}/windows.json", "w") as f:
        json.dump({"windows": rows, "skipped": skip, "differences": summary}, f, indent=1)
    return "".join(lines)


def balanced(sides):
    """As many A as B windows; a block's order also reads the same both ways (A B B A, B A A B), so that its two sides
    have the same mean position in time."""
    return sides.count("A") == sides.count("B") and (len(sides) == 2 or sides == sides[::-1])


def side_mean(group, side, key):
    """The mean of one side's windows of a pair or block, for the machine, the stack, a service or the idle stack."""
    values = [r["services"][key] if key in r["services"] else r[key] for r in group if r["side"] == side]
    return sum(values) / len(values)


def main():
    if sys.argv[1:2] == ["sample"]:
        sample(*sys.argv[2:5])
    elif sys.argv[1:2] == ["report"]:
        out = sys.argv[2]
        with open(f"{out}/samples.jsonl") as f:
            samples = [json.loads(line) for line in f if line.endswith("\n")]
        text = report(out, samples)
        with open(f"{out}/summary.txt", "a") as f:
            f.write(text)
        print(text, end="")
    else:
        sys.exit("usage: interleaved.py sample <results> <home-A> <home-B> | report <results>")


if __name__ == "__main__":
    main()
