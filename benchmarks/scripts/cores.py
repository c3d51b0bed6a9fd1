#!/usr/bin/env python3
"""Where the cores go during a docker scenario's measured runs (docs/benchmarks.md, "Where the cores go"), and the CPU
each process spends per answered request in a load run's measured part (scenarios 1 and 3: "Scenario 1's knee and the
CPU per RunTask").

    python3 benchmarks/scripts/cores.py benchmarks/scripts/stack-scenario.sh docker 3     (under /work/bin/locked)

Runs the command and, beside it, every SAMPLE seconds reads the machine's CPU times and run queue (/proc/stat) and
every long-lived process's user + system time (/proc/<pid>/stat), grouped by what the process is (a Berth service,
Podman's API service, the launcher with its broker, PostgreSQL, the load client, conmon, ...). Short-lived processes (runc, netavark,
each `podman run`) are in the machine's times but not in the list: they end between two samples. A run's window is
from the sample where its output file docker-<i>.txt appears to the one where its meters docker-<i>-metrics-8080.txt
do (the `podman run -d` comparison that follows is outside it). Prints per run: the window, the run queue and
user / system / idle, each group's share of a core and Podman's service's CPU seconds per task; writes the samples to
<results>/cores.jsonl and appends the table to <results>/summary.txt.
"""
import glob
import json
import os
import subprocess
import sys
import threading
import time

SAMPLE = 1.0
HZ = os.sysconf("SC_CLK_TCK")
RESULTS = "benchmarks/target/results"


def label(cmdline, comm):
    if comm in ("pgrep", "ps", "grep"):
        return None
    for word in cmdline.split(" "):
        if word.endswith("/target/quarkus-app/quarkus-run.jar"):
            return word.split("/")[-4]
    if "system service" in cmdline and "podman" in cmdline:
        return "podman-service"
    if "berth-local-stack.jar" in cmdline and cmdline.rstrip().endswith(" up"):
        return "launcher+broker"
    if "postgres" in comm or "postgres" in cmdline.split(" ")[0]:
        # A backend names its database in its title ("postgres: <user> <database> <host> <state>"); the rest
        # (the postmaster, the WAL writer, the checkpointer, ...) are PostgreSQL's own.
        words = cmdline.split()
        if cmdline.startswith("postgres: ") and len(words) >= 4 and ("(" in words[3] or words[3] == "[local]"):
            return f"postgres {words[2]}"
        return "postgres (own)"
    if "io.berth.benchmarks" in cmdline:
        return "load-client"
    if comm == "conmon":
        return "conmon"
    return None


def stat_ticks(stat):
    """(name, user + system ticks) of a /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat line; the name (comm) may
    hold spaces and parentheses, so the fields are read after its last ')'."""
    fields = stat[stat.rindex(")") + 2:].split()
    return stat[stat.index("(") + 1:stat.rindex(")")], int(fields[11]) + int(fields[12])


def processes(group_of=None):
    """Every grouped process's [group, user + system ticks], by pid; group_of(pid, group) may rename a group (None
    leaves the process out)."""
    seen = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        comm, ticks = stat_ticks(stat)
        group = label(cmdline, comm)
        if group and group_of:
            group = group_of(pid, group)
        if group:
            seen[pid] = [group, ticks]
    return seen


def machine():
    with open("/proc/stat") as f:
        lines = f.read().splitlines()
    cpu = [int(v) for v in lines[0].split()[1:]]
    running = next(int(line.split()[1]) for line in lines if line.startswith("procs_running"))
    # user (+nice), system (+irq, softirq), idle (+iowait), all
    return {"user": cpu[0] + cpu[1], "system": cpu[2] + cpu[5] + cpu[6], "idle": cpu[3] + cpu[4],
            "all": sum(cpu[:8]), "running": running}


def main():
    command = sys.argv[1:]
    started = time.time()
    before = set(glob.glob(f"{RESULTS}/*"))
    samples = []
    child = subprocess.Popen(command)
    out = None

    def sample():
        nonlocal out
        while child.poll() is None:
            if out is None:
                fresh = [d for d in set(glob.glob(f"{RESULTS}/*")) - before if os.path.getmtime(d) >= started - 1]
                out = fresh[0] if fresh else None
            files = sorted(os.path.basename(p) for p in glob.glob(f"{out}/docker-*")) if out else []
            samples.append({"t": time.time(), "machine": machine(), "procs": processes(), "files": files})
            time.sleep(SAMPLE)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = child.wait()
    sampler.join()
    if out is None:
        sys.exit(code)
    report_into(out, samples)
    sys.exit(code)


def report_into(out, samples):
    with open(f"{out}/cores.jsonl", "w") as f:
        for s in samples:
            f.write(json.dumps(s) + "\n")
    report = table(samples, int(os.environ.get("DOCKER_TASKS", "100"))) + load_table(out, samples)
    with open(f"{out}/summary.txt", "a") as f:
        f.write(report)
    print(report, end="")


def table(samples, tasks):
    lines = ["  where the cores go per measured run (benchmarks/scripts/cores.py; % of one core):\n"]
    run = 1
    while True:
        begin = next((s for s in samples if f"docker-{run}.txt" in s["files"]), None)
        end = next((s for s in samples if f"docker-{run}-metrics-8080.txt" in s["files"]), None)
        if begin is None or end is None:
            break
        seconds = end["t"] - begin["t"]
        window = [s for s in samples if begin["t"] <= s["t"] <= end["t"]]
        queue = sum(s["machine"]["running"] for s in window) / len(window)
        m0, m1 = begin["machine"], end["machine"]
        total = m1["all"] - m0["all"]
        shares = {k: 100.0 * (m1[k] - m0[k]) / total for k in ("user", "system", "idle")}
        # A process's last sample in the window less its first (0 if it began within): those that end before the
        # window does (each run's load client) count too.
        first, last = {}, {}
        for s in window:
            for pid, (group, ticks) in s["procs"].items():
                first.setdefault(pid, (group, begin["procs"].get(pid, [group, 0])[1]))
                last[pid] = ticks
        groups = {}
        for pid, (group, start) in first.items():
            group = "postgres" if group.startswith("postgres") else group
            groups[group] = groups.get(group, 0) + last[pid] - start
        parts = ", ".join(f"{g} {100.0 * t / HZ / seconds:.0f} %"
                          for g, t in sorted(groups.items(), key=lambda kv: -kv[1]) if t > 0)
        podman = groups.get("podman-service", 0) / HZ
        lines.append(f"  run {run} ({seconds:.0f} s): run queue {queue:.1f}, user / system / idle "
                     f"{shares['user']:.0f} / {shares['system']:.0f} / {shares['idle']:.0f} %; Podman's service "
                     f"{podman:.1f} s CPU = {podman / tasks:.3f} s per task; {parts}\n")
        run += 1
    return "".join(lines)


def measured_runs(out):
    """Each LoadGenerator run's measured part in a results directory, in the order they ran: (name, start, end, its
    report's figures of all requests). It starts at the run's "Sending from" line plus its warm-up and ends when its
    JSON report was written (once the measured requests' answers are in); warm-ups and unfinished runs are left out."""
    runs = []
    for txt in sorted(glob.glob(f"{out}/*.txt"), key=os.path.getmtime):
        name = os.path.basename(txt)[:-4]
        report = f"{out}/{name}.json"
        if name.startswith("warmup") or not os.path.exists(report):
            continue
        with open(txt) as f:
            sending = next((line.split() for line in f if line.startswith("Sending from ")), None)
        if sending is None:
            continue
        start = int(sending[2]) / 1000.0 + int(sending[6]) / 1000.0
        with open(report) as f:
            measured = json.load(f)["measured"]["all"]
        runs.append((name, start, os.path.getmtime(report), measured))
    return runs


def window_cpu(samples, start, end):
    """The samples' window from start to end (epoch seconds, one sample's slack at the end): its length in seconds,
    each group's ticks in it and the machine's busy ticks; None when fewer than two samples fall in it."""
    window = [s for s in samples if start <= s["t"] <= end + SAMPLE]
    if len(window) < 2:
        return None
    begin, last = window[0], window[-1]
    # Each process's last sample in the window less its first (0 if it began within it).
    seen = {}
    for s in window:
        for pid, (group, ticks) in s["procs"].items():
            seen[pid] = (group, ticks)
    groups = {}
    for pid, (group, ticks) in seen.items():
        groups[group] = groups.get(group, 0) + ticks - begin["procs"].get(pid, [group, 0])[1]
    m0, m1 = begin["machine"], last["machine"]
    busy = (m1["all"] - m0["all"]) - (m1["idle"] - m0["idle"])
    return last["t"] - begin["t"], groups, busy


def load_table(out, samples):
    """The CPU each process group spends per answered request in each LoadGenerator run's measured part (scenario 1's
    RunTasks, scenario 3's reads): from the "Sending from" line the run printed plus its warm-up, to its JSON report
    (written once the measured requests' answers are in). CPU seconds in that window over the requests answered in
    the measured part; "not in a group" is the machine's busy time the groups do not hold (the kernel's own threads,
    processes that end between two samples, anything else running)."""
    lines = []
    for name, start, end, measured in measured_runs(out):
        cpu = window_cpu(samples, start, end)
        if cpu is None:
            continue
        seconds, groups, busy = cpu
        answered = measured["answered"]
        latency = measured.get("latencyMicros") or {}
        groups["not in a group"] = busy - sum(groups.values())
        groups["postgres, all"] = sum(t for g, t in groups.items() if g.startswith("postgres "))
        if not lines:
            lines.append("  CPU per answered request in each run's measured part (benchmarks/scripts/cores.py; ms of CPU "
                         "per request, % of one core):\n")
        per = lambda ticks: 1000.0 * ticks / HZ / max(answered, 1)
        parts = ", ".join(f"{g} {per(t):.2f} ms ({100.0 * t / HZ / seconds:.0f} %)"
                          for g, t in sorted(groups.items(), key=lambda kv: -kv[1]) if t > 0)
        lines.append(f"  {name} ({seconds:.0f} s window): answered {answered} ({measured['dropped']} dropped), p50 / p99 "
                     f"{latency.get('p50', 0) / 1000:.0f} / {latency.get('p99', 0) / 1000:.0f} ms; the machine busy "
                     f"{per(busy):.2f} ms per request ({100.0 * busy / HZ / seconds:.0f} % of one core); {parts}\n")
    return "".join(lines)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--report"]:  # the table again from a run's cores.jsonl: --report <results directory>
        with open(f"{sys.argv[2]}/cores.jsonl") as f:
            samples = [json.loads(line) for line in f]
        print(table(samples, int(os.environ.get("DOCKER_TASKS", "100"))) + load_table(sys.argv[2], samples), end="")
    else:
        main()
