#!/usr/bin/env python3
"""The parts of each Kafka leg between two scrapes of every service's /q/metrics.

    legs.py <before-prefix> <after-prefix>

reads <prefix>-<port>.txt for each port scraped (stack-scenario.sh writes them) and prints, per
service, the mean of what happened between the two scrapes: the outbox's commit -> acknowledgement
(berth_outbox_delay_seconds), per topic and consumer the record's send -> the consumer's code
(berth_consumer_received_seconds) and -> its commit (berth_consumer_applied_seconds), and the
hosted agents' hand-offs (berth_agent_handoff_seconds). Means, not percentiles: at a lone task's
pace the buckets are coarser than the differences between the parts.
"""
import glob
import re
import sys

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')
TIMERS = {
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
                        values[(timer, tuple(labels.get(k, '') for k in keys), part)] = value
    return values


def main(before_prefix, after_prefix):
    for after_path in sorted(glob.glob(after_prefix + '-*.txt')):
        port = after_path[len(after_prefix) + 1:-4]
        try:
            before = read(f'{before_prefix}-{port}.txt')
        except FileNotFoundError:
            before = {}
        after = read(after_path)
        rows = []
        for (timer, labels, part), value in sorted(after.items()):
            if part != 'count':
                continue
            count = value - before.get((timer, labels, 'count'), 0)
            total = after[(timer, labels, 'sum')] - before.get((timer, labels, 'sum'), 0)
            if count > 0:
                rows.append(f'    {timer[6:-8]:<20} {" ".join(labels):<60} n={int(count):<6} '
                            f'mean {1000 * total / count:7.2f} ms')
        if rows:
            print(f'  :{port}')
            print('\n'.join(rows))


if __name__ == '__main__':
    main(*sys.argv[1:3])
