#!/usr/bin/env python3
"""The bytes per RunTask of one run, by place, from what bytes-run.sh wrote (docs/benchmarks.md, "The bytes of a
RunTask, session 16").

    python3 benchmarks/scripts/bytes.py <results directory> [<results directory> ...]

Per RunTask answered in the window (the scheduler's SchedulerCommandAnswered events appended in it): PostgreSQL's
WAL; per table, the rows written and the growth of its size with indexes and TOAST; per topic, the bytes its log
grew by and those times the consumer groups that read the topic (what they fetch); then, from the rows written
since the run's first request, what an event's payload and an outbox row weigh on average, per type.
"""
import os
import sys
from collections import defaultdict

# The consumer groups that read each topic (the services' mp.messaging.incoming.*.topic; the gateway's answers).
READERS = {
    "berth.task.events": ["api-gateway (answers)", "cluster-service", "agent-service", "scaling-service"],
    "berth.scheduler.commands": ["scheduler-service"],
    "berth.task-state.events": ["scheduler-service", "cluster-service", "scaling-service (metrics)"],
    "berth.container-instance.events": ["scheduler-service", "cluster-service"],
    "berth.cluster.events": ["api-gateway", "scheduler-service", "agent-service"],
}


def snapshot(path):
    rows = {"table": {}, "topic": defaultdict(int), "database": {}, "statement": {}}
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("|")
            kind = parts[0]
            if kind == "time":
                rows["time"] = int(parts[1]) / 1000.0
            elif kind == "wal":
                rows["wal"] = tuple(int(x) for x in parts[1:4])
            elif kind == "answers":
                rows["answers"] = int(parts[2])
            elif kind == "table":
                rows["table"][(parts[1], parts[2])] = tuple(int(x) for x in parts[3:7])
            elif kind == "topic":
                rows["topic"][parts[1]] += int(parts[2])
            elif kind == "database":
                rows["database"][parts[1]] = tuple(int(x) for x in parts[2:9])
            elif kind == "statement":
                # A statement run at top level and nested (a function's) has two entries of one queryid: summed.
                key = (parts[1], parts[2])
                figures = [int(parts[3]), float(parts[4])] + [int(float(x)) for x in parts[5:9]]
                old = rows["statement"].get(key, ([0] * 6, parts[9]))[0]
                rows["statement"][key] = ([x + y for x, y in zip(old, figures)], parts[9])
    return rows


def report(out):
    a, b = snapshot(f"{out}/bytes-before.txt"), snapshot(f"{out}/bytes-after.txt")
    n = b["answers"] - a["answers"]
    print(f"== {out}: {n} RunTasks answered in {b['time'] - a['time']:.1f} s")
    if n <= 0:
        return
    records, fpi, wal = (y - x for x, y in zip(a["wal"], b["wal"]))
    print(f"PostgreSQL WAL per RunTask: {wal / n / 1024:.1f} KB ({records / n:.0f} records, {fpi / n:.1f} full pages)")
    print("table (database)                        rows ins/upd/del per RunTask   size growth KB per RunTask")
    grown = []
    for key, after in b["table"].items():
        before = a["table"].get(key, (0, 0, 0, 0))
        d = [y - x for x, y in zip(before, after)]
        if any(d):
            grown.append((d[3], key, d))
    for size, (db, table), d in sorted(grown, reverse=True):
        if size == 0 and sum(d[:3]) / n < 0.05:
            continue
        print(f"  {table + ' (' + db + ')':<40} {d[0] / n:6.2f} / {d[1] / n:6.2f} / {d[2] / n:6.2f}   {size / n / 1024:8.2f}")
    databases(a, b, n)
    statements(a, b, n)
    print("topic                                  log KB per RunTask  readers  fetched KB per RunTask")
    total_log = total_fetch = 0
    for topic in sorted(b["topic"], key=lambda t: -(b["topic"][t] - a["topic"].get(t, 0))):
        grew = b["topic"][topic] - a["topic"].get(topic, 0)
        if grew <= 0:
            continue
        readers = READERS.get(topic, [])
        total_log += grew
        total_fetch += grew * len(readers)
        print(f"  {topic:<38} {grew / n / 1024:8.2f}  {len(readers):7d}  {grew * len(readers) / n / 1024:8.2f}")
    print(f"  {'all':<38} {total_log / n / 1024:8.2f}           {total_fetch / n / 1024:8.2f}")
    try:
        with open(f"{out}/bytes-rows.txt") as f:
            lines = [line.rstrip("\n").split("|") for line in f if line.strip()]
    except FileNotFoundError:
        return
    print("what a row weighs (rows written since the run's first request): type, count, mean bytes")
    for p in lines:
        if p[0] == "event" and int(p[3]) > 0:
            c = int(p[3])
            print(f"  es_event  {p[1]:<16} {p[2]:<32} {c:7d}  stored {int(p[4]) / c:7.0f}  as text {int(p[5]) / c:7.0f}")
        elif p[0] == "outbox" and int(p[4]) > 0:
            c = int(p[4])
            print(f"  es_outbox {p[1]:<16} {p[3]:<32} {c:7d}  envelope {int(p[5]) / c:7.0f}  stored {int(p[6]) / c:7.0f}  ({p[2]})")
        elif p[0] == "part" and int(p[3]) > 0:
            c = int(p[3])
            print(f"    {p[1]} field {p[2]:<28} {c:7d}  as text {int(p[4]) / c:7.0f}")
        elif p[0] == "row" and int(p[2]) > 0:
            c = int(p[2])
            print(f"  {p[1]:<49} {c:7d}  stored {int(p[3]) / c:7.0f}")


def databases(a, b, n):
    """Per database, per RunTask: commits and rollbacks, rows inserted / updated / deleted, returned / fetched."""
    print("database                commits  rollbacks  rows ins / upd / del   returned / fetched   (per RunTask)")
    for db in sorted(b["database"]):
        d = [y - x for x, y in zip(a["database"].get(db, (0,) * 7), b["database"][db])]
        if any(d):
            print(f"  {db:<20} {d[0] / n:8.2f} {d[1] / n:9.2f}  {d[2] / n:6.2f} / {d[3] / n:5.2f} / {d[4] / n:5.2f}"
                  f"   {d[5] / n:8.1f} / {d[6] / n:7.1f}")


def statements(a, b, n, top=int(os.environ.get("STATEMENTS_TOP", "12"))):
    """With pg_stat_statements: per database, its WAL and execution time per RunTask, then its statements by
    execution time (calls, ms, rows, WAL per RunTask)."""
    if not b["statement"]:
        return
    by_db = defaultdict(list)
    for key, (after, text) in b["statement"].items():
        before = a["statement"].get(key, ([0] * 6, text))[0]
        d = [y - x for x, y in zip(before, after)]
        if d[0] > 0:
            by_db[key[0]].append((d, text))
    print("statements (pg_stat_statements), per RunTask: calls, execution ms, rows, WAL records / full pages / KB")
    for db, entries in sorted(by_db.items(), key=lambda kv: -sum(d[1] for d, _ in kv[1])):
        calls, ms, wal = (sum(d[i] for d, _ in entries) for i in (0, 1, 5))
        print(f"  {db}: {calls / n:.1f} calls, {ms / n:.3f} ms, WAL {wal / n / 1024:.1f} KB")
        for d, text in sorted(entries, key=lambda e: -e[0][1])[:top]:
            print(f"    {d[0] / n:7.2f} {d[1] / n:7.3f} {d[2] / n:7.2f}  {d[3] / n:6.1f} / {d[4] / n:4.2f} / "
                  f"{d[5] / n / 1024:6.2f}  {text[:110]}")


if __name__ == "__main__":
    for d in sys.argv[1:]:
        report(d)
