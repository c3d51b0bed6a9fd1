#!/usr/bin/env python3
"""The agent-service's outbox rows of a docker scenario's run 1, by kind, and its databases' counters.

    python3 benchmarks/scripts/agent_rows.py <out-prefix>     (what benchmarks/scripts/agent-rows.sh wrote)

Per kind of row (a report's status; a RUNNING report is the task's own when it was written within 2 s of its
startedAt, otherwise a later change of a container): from the writing transaction's start to the relay batch
that sent it, and to the event store's stamp inside the transaction; for the task's RUNNING, from startedAt to
the transaction's start. Then the transaction and row counters of the run, per database and table, and the
task events the agent reads by kind: how many reached the broker during a task's way (its placement published
-> its RUNNING report committed, i.e. the relay's batch that sent the report started) and how many after it.
"""
import os
import csv, sys, statistics, datetime
o = sys.argv[1]

def ts(v):
    if not v: return None
    try: return float(v)
    except ValueError:
        return datetime.datetime.fromisoformat(v.replace("Z", "+00:00")).timestamp()
rows = list(csv.reader(open(o + "-rows.csv")))
kinds = {}
for r in rows:
    rid, etype, topic, created, published, occurred, stream, version, status, started, pull = r
    kind = etype + ("/" + status if status else "")
    if status == "RUNNING" and started and float(created) - ts(started) > 2:
        kind += " (later: a container's change)"
    elif status == "RUNNING":
        kind += " (the task's RUNNING)"
    k = kinds.setdefault(kind, {"n": 0, "pub": [], "occ": [], "start2created": []})
    k["n"] += 1
    created, published, occurred = float(created), ts(published), ts(occurred)
    if published: k["pub"].append((published - created) * 1000)
    if occurred: k["occ"].append((occurred - created) * 1000)
    if status == "RUNNING" and started:
        k["start2created"].append((created - ts(started)) * 1000)
def s(v):
    if not v: return "-"
    v = sorted(v)
    return f"mean {statistics.mean(v):6.1f} p50 {v[len(v)//2]:6.1f} p90 {v[int(len(v)*0.9)]:6.1f} max {v[-1]:7.1f}"
print(f"{len(rows)} outbox rows of the agent-service in run 1")
for kind, k in sorted(kinds.items()):
    print(f"  {kind:45s} n={k['n']:4d}")
    print(f"      created -> relay's batch start (published_at) {s(k['pub'])}")
    print(f"      created -> event stamped (in the transaction)  {s(k['occ'])}")
    if k["start2created"]:
        print(f"      startedAt -> report transaction start         {s(k['start2created'])}")
def stat(f):
    return {r[0]: [int(x) for x in r[1:]] for r in csv.reader(open(f))}
s0, s1 = stat(o + "-stat0.csv"), stat(o + "-stat1.csv")
names = ["xact_commit", "xact_rollback", "tup_inserted", "tup_updated", "tup_deleted", "tup_returned", "tup_fetched"]
for db in s0:
    print(f"  {db}: " + ", ".join(f"{n} +{b - a}" for n, a, b in zip(names, s0[db], s1[db])))
t0 = {(r[0], r[1]): [int(x) for x in r[2:]] for r in csv.reader(open(o + "-tables0.csv"))}
t1 = {(r[0], r[1]): [int(x) for x in r[2:]] for r in csv.reader(open(o + "-tables1.csv"))}
for key in sorted(t1):
    d = [b - a for a, b in zip(t0.get(key, [0] * 5), t1[key])]
    if any(d):
        print(f"    {key[0]}.{key[1]}: ins +{d[0]} upd +{d[1]} del +{d[2]} seq_scan +{d[3]} idx_scan +{d[4]}")

# The task events the agent-service reads: on a task's way, or beside it.
if os.path.exists(o + "-task-events.csv"):
    ways = {}
    events = list(csv.reader(open(o + "-task-events.csv")))
    for rid, etype, created, published, task, status in events:
        if etype == "TaskPlaced" and published:
            ways.setdefault(task, [None, None])[0] = float(published)
    for r in rows:
        rid, etype, topic, created, published, occurred, stream, version, status, started, pull = r
        if status == "RUNNING" and started and float(created) - ts(started) <= 2 and published and stream in ways:
            ways[stream][1] = float(published)
    spans = sorted(w for w in ways.values() if w[0] and w[1])
    on = lambda t: any(a <= t <= b for a, b in spans)
    by = {}
    for rid, etype, created, published, task, status in events:
        kind = etype + ("/" + status if status else "")
        k = by.setdefault(kind, [0, 0])
        k[0 if published and on(float(published)) else 1] += 1
    print(f"  task events the agent-service read in run 1 ({len(events)}; {len(spans)} tasks' ways from placement"
          " published to RUNNING report committed):")
    for kind, (during, after) in sorted(by.items()):
        print(f"    {kind:40s} during a task's way {during:4d}   outside {after:4d}")
