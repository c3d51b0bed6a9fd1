#!/usr/bin/env python3
"""Runs a stop command and prints when each process of a running Berth stack exited.

    benchmarks/scripts/down_timeline.py <BERTH_HOME> <command...>     (e.g. ./berth down)

Reads the pids the launcher records in <BERTH_HOME>/children.pids and stack.pid (the services, the
embedded PostgreSQL's postmaster, a Podman service, and the launcher, which hosts the Kafka broker),
starts the command, and polls /proc every 50 ms until the command has returned. It prints, in the
order they went, the seconds from the command's start to each process's exit, then the command's own
time: where a `./berth down` spends its time. A process that was already gone is not listed.
"""
import os
import subprocess
import sys
import time


def name_of(pid, launcher):
    if pid == launcher:
        return "launcher (Kafka)"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            args = f.read().split(b"\0")
    except OSError:
        return None
    for arg in args:
        text = arg.decode(errors="replace")
        if text.endswith("/target/quarkus-app/quarkus-run.jar"):
            return text.split("/")[-4]
    first = os.path.basename(args[0].decode(errors="replace")) if args else "?"
    return "postgres" if first == "postgres" else first


def read_pids(home):
    pids = []
    for file in ("children.pids", "stack.pid"):
        try:
            with open(os.path.join(home, file)) as f:
                pids += [int(line) for line in f.read().split() if line.strip().isdigit()]
        except OSError:
            pass
    return pids


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        sys.exit(2)
    home, command = sys.argv[1], sys.argv[2:]
    pids = read_pids(home)
    launcher = pids[-1] if pids else -1
    watched = {pid: name for pid in pids if (name := name_of(pid, launcher)) is not None}
    start = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    exits = {}
    while True:
        now = time.monotonic() - start
        for pid in watched:
            if pid not in exits and not os.path.exists(f"/proc/{pid}/stat"):
                exits[pid] = now
            elif pid not in exits:
                try:
                    with open(f"/proc/{pid}/stat") as f:
                        if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                            exits[pid] = now
                except OSError:
                    exits[pid] = now
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    total = time.monotonic() - start
    for pid, at in sorted(exits.items(), key=lambda item: item[1]):
        print(f"  {watched[pid]:<18} gone at {at:5.1f} s")
    for pid in watched:
        if pid not in exits:
            print(f"  {watched[pid]:<18} still running")
    print(f"down: {total:.1f} s (exit {proc.returncode})")
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
