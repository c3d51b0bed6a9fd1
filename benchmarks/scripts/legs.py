#!/usr/bin/env python3
"""The parts of each Kafka leg between two scrapes of every service's /q/metrics.

    legs.py [--calls N] <before-prefix> <after-prefix> [<before-prefix> <after-prefix> ...]

reads <prefix>-<port>.txt for each port scraped (stack-scenario.sh and boto3_peer.py --legs write
them) and prints, per service, the mean of what happened between the two scrapes (summed over
every pair given): the API calls each service answered, per operation (berth_api_requests_seconds:
at the gateway the whole call, at an owner its part), the outbox's commit -> acknowledgement
(berth_outbox_delay_seconds), per topic and consumer the record's send -> the consumer's code
(berth_consumer_received_seconds) and -> its commit (berth_consumer_applied_seconds), and the
hosted agents' hand-offs (berth_agent_handoff_seconds). Means, not percentiles: at a lone task's
pace the buckets are coarser than the differences between the parts. Where <prefix>-pg.txt exists
(boto3_peer.py writes PostgreSQL's pg_stat_database and pg_stat_wal), also what each database did
between the scrapes — commits, rows inserted and updated — and the WAL's writes and fsyncs, per call
when --calls says how many calls the window held. Commits include each relay's empty looks (0.25 s
after a publish, the wait doubling to 5 s while it finds nothing, ADR 0083); WAL fsyncs and rows do not.
"""
import glob
import re
import sys

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')
TIMERS = {
    'berth_api_requests_seconds': ('api', 'operation'),
    'berth_outbox_delay_seconds': (),
    'berth_consumer_received_seconds': ('topic', 'consumer'),
    'berth_consumer_applied_seconds': ('topic', 'consumer'),
    'berth_agent_handoff_seconds': ('step',),
}


def read(path):
    """(metric, labels, 'count'|'sum') -> value for the timers above."""
    values = {}
    with open(path) as text:
        for line in text:
            m = SAMPLE.match(line.strip())
            if not m:
                continue
            name, labels, value = m.group(1), dict(LABEL.findall(m.group(2) or '')), float(m.group(3))
            for timer, keys in TIMERS.items():
                for part in ('count', 'sum'):
                    if name == f'{timer}_{part}':
                        # Series that differ only in labels not kept (status, error) add up.
                        key = (timer, tuple(labels.get(k, '') for k in keys), part)
                        values[key] = values.get(key, 0) + value
    return values


PG_COLUMNS = {'db': ('commits', 'rollbacks', 'returned', 'fetched', 'inserted', 'updated', 'deleted'),
              'wal': ('records', 'fpi', 'bytes', 'writes', 'fsyncs')}


def read_pg(path):
    """(kind, name) -> counters, from a file of boto3_peer.py's PG_COUNTERS."""
    values = {}
    with open(path) as text:
        for line in text:
            fields = line.split()
            if len(fields) >= 3 and fields[0] in PG_COLUMNS:
                values[(fields[0], fields[1])] = [float(v) for v in fields[2:2 + len(PG_COLUMNS[fields[0]])]]
    return values


def pg_rows(pairs, calls):
    deltas = {}
    for before_prefix, after_prefix in pairs:
        try:
            before, after = read_pg(before_prefix + '-pg.txt'), read_pg(after_prefix + '-pg.txt')
        except FileNotFoundError:
            continue
        for key, values in after.items():
            was = before.get(key, [0] * len(values))
            total = deltas.setdefault(key, [0] * len(values))
            for i, value in enumerate(values):
                total[i] += value - was[i]
    rows = []
    per = f' per call ({calls} calls)' if calls else ''
    for (kind, name), values in sorted(deltas.items()):
        shown = [(column, value) for column, value in zip(PG_COLUMNS[kind], values)
                 if column in ('commits', 'inserted', 'updated', 'deleted', 'writes', 'fsyncs')]
        if any(value for _, value in shown):
            rows.append(f'    {kind:<4} {name:<20}' + ''.join(
                f' {column} {value / calls if calls else value:8.2f}' for column, value in shown))
    if rows:
        print('  PostgreSQL' + per)
        print('\n'.join(rows))


def read_statements(path):
    """(database, queryid) -> (calls, milliseconds, text), from boto3_peer.py's pg_stat_statements scrape."""
    values = {}
    with open(path) as text:
        for line in text:
            fields = line.rstrip('\n').split('\t')
            if len(fields) == 5:
                values[(fields[0], fields[1])] = (float(fields[2]), float(fields[3]), fields[4])
    return values


def statement_rows(pairs, calls):
    deltas = {}
    for before_prefix, after_prefix in pairs:
        try:
            before = read_statements(before_prefix + '-statements.txt')
            after = read_statements(after_prefix + '-statements.txt')
        except FileNotFoundError:
            continue
        for key, (count, millis, query) in after.items():
            was = before.get(key, (0, 0, query))
            total = deltas.setdefault(key, [0, 0, query])
            total[0] += count - was[0]
            total[1] += millis - was[1]
    if not deltas:
        return
    by_database = {}
    for (database, _), (count, millis, query) in deltas.items():
        if count > 0 and not query.startswith('select d.datname') and 'pg_stat_database' not in query:
            by_database.setdefault(database, []).append((count, millis, query))
    per = calls or 1
    print(f'  statements (pg_stat_statements){" per call" if calls else ""}: count, ms of execution')
    for database, rows in sorted(by_database.items()):
        print(f'    {database}: {sum(r[0] for r in rows) / per:.2f} statements, '
              f'{sum(r[1] for r in rows) / per:.3f} ms')
        for count, millis, query in sorted(rows, reverse=True):
            if count / per >= 0.05:
                print(f'      {count / per:6.2f} {millis / per:7.3f}  {query[:110]}')


def main(pairs, calls):
    ports = sorted({path[len(after_prefix) + 1:-4] for _, after_prefix in pairs
                    for path in glob.glob(after_prefix + '-*.txt') if not path.endswith('-pg.txt')})
    for port in ports:
        counts, sums = {}, {}
        for before_prefix, after_prefix in pairs:
            try:
                after = read(f'{after_prefix}-{port}.txt')
            except FileNotFoundError:
                continue
            try:
                before = read(f'{before_prefix}-{port}.txt')
            except FileNotFoundError:
                before = {}
            for (timer, labels, part), value in after.items():
                if part == 'count':
                    key = (timer, labels)
                    counts[key] = counts.get(key, 0) + value - before.get((timer, labels, 'count'), 0)
                    sums[key] = sums.get(key, 0) + after[(timer, labels, 'sum')] - before.get((timer, labels, 'sum'), 0)
        rows = [f'    {timer[6:-8]:<20} {" ".join(labels):<60} n={int(count):<6} '
                f'mean {1000 * sums[(timer, labels)] / count:7.2f} ms'
                for (timer, labels), count in sorted(counts.items()) if count > 0]
        if rows:
            print(f'  :{port}')
            print('\n'.join(rows))
    pg_rows(pairs, calls)
    statement_rows(pairs, calls)


if __name__ == '__main__':
    args = sys.argv[1:]
    calls = 0
    if args[:1] == ['--calls']:
        calls, args = int(args[1]), args[2:]
    if not args or len(args) % 2:
        sys.exit(__doc__)
    main(list(zip(args[0::2], args[1::2])), calls)
