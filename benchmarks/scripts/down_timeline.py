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

from startup_cpu import command_line, service_of, stack_pids


def name_of(pid):
    """A Berth JVM's name, or the program's (postgres, podman); None once the process is gone."""
    args = command_line(pid)
    if args is None:
        return None
    return service_of(pid) or os.path.basename(args[0].decode(errors="replace"))


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        sys.exit(2)
    home, command = sys.argv[1], sys.argv[2:]
    watched = {pid: name for pid in stack_pids(home) if (name := name_of(pid)) is not None}
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
