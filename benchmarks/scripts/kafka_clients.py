#!/usr/bin/env python3
"""What each service's Kafka clients send the broker over a window, per RunTask (docs/benchmarks.md, "The broker's
CPU per RunTask, session 19").

    kafka_clients.py <seconds>

Reads every service's /q/metrics (ports 8080-8086) at the window's start and end: the clients' own meters, which
Quarkus binds for the clients SmallRye's connector makes (the channels' consumers and the emitters' producers; the
outbox relay's producer and the gateway's own tails are plain clients without meters, so they are in the broker's
totals only). Prints, per service and client, each meter's growth per RunTask answered by the gateway (its
berth_api_requests_seconds meter, as read_cost.py counts them).
"""
import collections
import re
import sys
import time
import urllib.request

PORTS = range(8080, 8087)
METERS = re.compile(r"^(kafka_(?:consumer|producer)\w*?_(?:request|fetch|heartbeat|commit|join|sync)_total)"
                    r"(?:_total)?\{([^}]*)\} ([0-9.eE+-]+)$")


def scrape(port):
    try:
        return urllib.request.urlopen(f"http://localhost:{port}/q/metrics", timeout=10).read().decode()
    except OSError:
        return ""


def snapshot():
    meters, answered, names = collections.Counter(), 0.0, {}
    for port in PORTS:
        for line in scrape(port).splitlines():
            if line.startswith("berth_api_requests_seconds_count{") and 'api="ecs"' in line:
                answered += float(line.rsplit(" ", 1)[1])
            match = METERS.match(line)
            if not match:
                continue
            labels = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2)))
            # Per-node request meters repeat the client's total under a node_id: keep the client's own.
            if "node_id" in labels:
                continue
            meters[(port, labels.get("client_id", "?"), match.group(1))] += float(match.group(3))
            names.setdefault(port, labels.get("client_id", "?"))
    return meters, answered


def main():
    seconds = float(sys.argv[1])
    before, answered_before = snapshot()
    time.sleep(seconds)
    after, answered_after = snapshot()
    runtasks = max(answered_after - answered_before, 1)
    print(f"window {seconds:.0f} s, {runtasks:.0f} RunTasks answered; per RunTask:")
    for key in sorted(after):
        grown = after[key] - before.get(key, 0)
        if grown > 0:
            port, client, meter = key
            print(f"{port} {client[-60:]:60} {meter:55} {grown / runtasks:7.3f}")


if __name__ == "__main__":
    main()
