#!/usr/bin/env python3
"""Where a JFR recording's execution samples were, by method (docs/benchmarks.md, session 15's CreateCluster).

    python3 benchmarks/scripts/jfr_frames.py recording.jfr [thread-name-part] [top]

Reads `jfr print --events jdk.ExecutionSample` and prints, for the samples of threads whose name contains
thread-name-part (all threads if empty), the methods with the most samples on top of the stack (self) and the
methods with the most samples anywhere on the stack (inclusive: a method counted once per sample).
"""
import collections
import re
import subprocess
import sys

recording = sys.argv[1]
want = sys.argv[2] if len(sys.argv) > 2 else ""
top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", recording],
                      capture_output=True, text=True, check=True).stdout
own, anywhere, samples = collections.Counter(), collections.Counter(), 0
thread, stack = "", None
for line in text.splitlines():
    line = line.strip()
    if line.startswith("sampledThread"):
        thread = line
    elif line.startswith("stackTrace = ["):
        stack = []
    elif stack is not None and line.startswith("]"):
        if stack and want in thread:
            samples += 1
            own[stack[0]] += 1
            for method in set(stack):
                anywhere[method] += 1
        stack = None
    elif stack is not None and re.match(r"^[\w$.<>/]+\(", line):
        stack.append(line.split("(")[0])
print(f"{samples} samples of threads named *{want}*")
for title, counts in (("self", own), ("inclusive", anywhere)):
    print(f"-- {title}")
    for method, n in counts.most_common(top):
        print(f"{n:6d} {100 * n / max(samples, 1):5.1f} %  {method}")
