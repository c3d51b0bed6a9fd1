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
the idle stack's CPU; then, for each pair of windows (1-2, 3-4, ...: A B, B A, ...), B - A per service, with the mean
and a 95 % interval (Student's t over the pairs).
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
    by_window = {r["window"]: r for r in rows}
    pairs = []
    for first in range(1, max(by_window, default=0) + 1, 2):
        a, b = by_window.get(first), by_window.get(first + 1)
        if a and b and {a["side"], b["side"]} == {"A", "B"}:
            pairs.append((a, b) if a["side"] == "A" else (b, a))
    keys = ["machine", "stack"] + SERVICES + ["idle stack"]
    value = lambda r, k: r["services"][k] if k in r["services"] else r[k]  # noqa: E731
    lines.append(f"  paired differences B - A over {len(pairs)} pairs (ms of CPU per RunTask; 95 % interval by t"
                 f" over the pairs):\n")
    summary = {}
    for k in keys:
        if not pairs:
            break
        diffs = [value(b, k) - value(a, k) for a, b in pairs]
        mean, half = interval(diffs)
        base = sum(value(a, k) for a, _ in pairs) / len(pairs)
        relative = f" = {100.0 * mean / base:+.1f} % ± {100.0 * half / base:.1f} % of A's {base:.2f}" if base else ""
        lines.append(f"  {k:18s} {mean:+.3f} ± {half:.3f}{relative}   pairs: "
                     + " ".join(f"{d:+.3f}" for d in diffs) + "\n")
        summary[k] = {"pairs": diffs, "mean": mean, "half-width": half, "a-mean": base}
    with open(f"{out}/windows.json", "w") as f:
        json.dump({"windows": rows, "differences": summary}, f, indent=1)
    return "".join(lines)


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
