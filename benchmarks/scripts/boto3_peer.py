#!/usr/bin/env python3
"""One run of the boto3 peer benchmark against one ECS endpoint (Berth's gateway or moto_server).

    boto3_peer.py --endpoint http://localhost:8080 [--instances 200] [--threads 8] [--duration 20]

What a boto3 user sees, measured the same way on either endpoint (docs/benchmarks.md, "boto3 side by
side"): the p50 of CreateCluster, of a lone RunTask (count 1) and of the reads (DescribeClusters,
DescribeTasks of ten tasks, ListTasks, ListContainerInstances), each called one at a time, and of a
DescribeClusters right after a RunTask (the read that waits for the cluster's counters); then the
tasks placed per second by RunTask (count 10) from --threads client threads for --duration seconds on
--instances registered container instances. Prints one JSON object.

With --legs DIR, every service's /q/metrics (ports 8080-8086) and PostgreSQL's counters per
database (pg_stat_database, pg_stat_wal, through psql) are written to DIR before and after each
lone-call phase (<phase>-before-<port>.txt, <phase>-after-<port>.txt, <phase>-*-pg.txt; phases
createCluster, runTask, reads), outside the timed calls, for legs.py: where a lone call's time goes.

What the throughput phase cost (docs/benchmarks.md, "boto3: the client's ceiling and CreateCluster, session 15"):
this process's own CPU (user + system of all its threads, os.times) and the machine's busy time (/proc/stat),
in cores and in CPU milliseconds per 1,000 tasks placed; with --server-pid, that process's too (/proc/<pid>/stat:
moto_server, or the null endpoint null_ecs.js). With --record FILE, the longest body each operation was answered
with is written to FILE as {operation: body}: what null_ecs.js answers.
"""
import argparse
import json
import os
import statistics
import subprocess
import threading
import time
import urllib.request
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

REGION = "us-east-1"
CONFIG = Config(retries={"mode": "standard", "max_attempts": 3}, max_pool_connections=64)


RECORDED = {}
RECORDING = False


def client(endpoint, service="ecs"):
    made = boto3.session.Session().client(service, endpoint_url=endpoint, region_name=REGION,
                                          aws_access_key_id="123456789012", aws_secret_access_key="secret",
                                          config=CONFIG)
    if RECORDING:
        made.meta.events.register("after-call." + service, record)
    return made


def record(http_response, model, **_):
    """Keeps the longest answer of each operation (RunTask's is then one of count 10): what null_ecs.js replays."""
    body = http_response.content.decode("utf-8")
    if http_response.status_code == 200 and len(body) > len(RECORDED.get(model.name, "")):
        RECORDED[model.name] = body


def process_cpu_seconds(pid):
    """User + system CPU seconds of process pid so far (/proc/<pid>/stat), all its threads."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds():
    """CPU seconds the machine's cores were not idle (nor waiting for I/O) so far, all cores summed (/proc/stat)."""
    with open("/proc/stat") as f:
        times = [int(v) for v in f.readline().split()[1:]]
    return (sum(times[:8]) - times[3] - times[4]) / os.sysconf("SC_CLK_TCK")


def identity(instance_id):
    return json.dumps({"instanceId": instance_id, "instanceType": "m5.4xlarge", "region": REGION,
                       "availabilityZone": REGION + "a", "accountId": "123456789012",
                       "imageId": "ami-12345678", "privateIp": "10.0.0.1"})


def register_instances(endpoint, ecs, cluster, count):
    """Registers `count` instances; moto knows only instances it launched, so it gets EC2 ones first."""
    resources = [{"name": "CPU", "type": "INTEGER", "integerValue": 16384},
                 {"name": "MEMORY", "type": "INTEGER", "integerValue": 65536}]
    ids = ["i-%017x" % uuid.uuid4().int for _ in range(count)]
    try:
        ecs.register_container_instance(cluster=cluster, instanceIdentityDocument=identity(ids[0]),
                                        totalResources=resources)
        ids = ids[1:]
    except ClientError:
        ec2 = client(endpoint, "ec2")
        ids = [i["InstanceId"] for i in ec2.run_instances(ImageId="ami-12345678", MinCount=count, MaxCount=count,
                                                          InstanceType="m5.4xlarge")["Instances"]]
    for instance_id in ids:
        ecs.register_container_instance(cluster=cluster, instanceIdentityDocument=identity(instance_id),
                                        totalResources=resources)


METER_PORTS = range(8080, 8087)
PG_COUNTERS = """
select 'db', datname, xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted
from pg_stat_database where datname not like 'template%'
union all select 'wal', 'all', wal_records, wal_fpi, wal_bytes, wal_write, wal_sync, 0, 0 from pg_stat_wal
"""

STATEMENTS = """
select d.datname, s.queryid, s.calls, round(s.total_exec_time::numeric, 3), regexp_replace(s.query, '\\s+', ' ', 'g')
from pg_stat_statements s join pg_database d on d.oid = s.dbid
"""


def scrape(directory, name):
    """Every service's meters and PostgreSQL's counters now, into directory/name-<port>.txt and name-pg.txt."""
    # PostgreSQL's backends publish their counters when idle, at most a second late: let the last calls' land.
    time.sleep(1.2)
    for port in METER_PORTS:
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/q/metrics", timeout=5) as answer:
                text = answer.read()
        except OSError:
            continue
        with open(os.path.join(directory, f"{name}-{port}.txt"), "wb") as out:
            out.write(text)
    pg = subprocess.run(["psql", "-h", "localhost", "-p", os.environ.get("PGPORT", "5432"), "-U", "postgres",
                         "-d", "postgres", "-AtF", " ", "-c", PG_COUNTERS], capture_output=True, text=True)
    if pg.returncode == 0:
        with open(os.path.join(directory, f"{name}-pg.txt"), "w") as out:
            out.write(pg.stdout)
    # Where the stack loads pg_stat_statements (boto3-peer.sh STATEMENTS=1): every statement's count.
    statements = subprocess.run(["psql", "-h", "localhost", "-p", os.environ.get("PGPORT", "5432"), "-U", "postgres",
                                 "-d", "postgres", "-AtF", "\t", "-c", STATEMENTS], capture_output=True, text=True)
    if statements.returncode == 0:
        with open(os.path.join(directory, f"{name}-statements.txt"), "w") as out:
            out.write(statements.stdout)


def phase(legs, name, calls, call):
    """timed(calls, call), with the stack's meters scraped around it when legs names a directory."""
    if legs:
        scrape(legs, name + "-before")
    p50 = timed(calls, call)
    if legs:
        scrape(legs, name + "-after")
    return p50


def timed(calls, call):
    """The p50 in milliseconds of `calls` sequential calls of call(i)."""
    times = []
    for i in range(calls):
        start = time.perf_counter()
        call(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def read_after_write(ecs, cluster, calls):
    """The p50 in milliseconds of a DescribeClusters right after a RunTask (count 1, not timed): the read waits
    until the cluster-service's counters have applied the placement (read your writes, ADR 0033 and 0060)."""
    times = []
    for _ in range(calls):
        ecs.run_task(cluster=cluster, taskDefinition="peer", count=1)
        start = time.perf_counter()
        ecs.describe_clusters(clusters=[cluster])
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def throughput(endpoint, cluster, threads, duration, count, server_pid=None):
    """Tasks placed per second by RunTask (count `count`) from `threads` threads, the calls made, the errors, and
    what the window cost in CPU seconds: {"client": this process, "machine": every core, "server": server_pid}."""
    placed = [0] * threads
    calls = [0] * threads
    errors = [0] * threads
    deadline = time.monotonic() + duration

    def work(n):
        ecs = client(endpoint)
        while time.monotonic() < deadline:
            try:
                placed[n] += len(ecs.run_task(cluster=cluster, taskDefinition="peer", count=count)["tasks"])
            except ClientError:
                errors[n] += 1
            calls[n] += 1

    def cpu():
        own = os.times()
        return {"client": own.user + own.system, "machine": machine_busy_seconds(),
                **({"server": process_cpu_seconds(server_pid)} if server_pid else {})}

    started, cpu_before = time.monotonic(), cpu()
    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed, cpu_after = time.monotonic() - started, cpu()
    return sum(placed) / elapsed, sum(calls), sum(errors), elapsed, {
        k: cpu_after[k] - cpu_before[k] for k in cpu_before}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--instances", type=int, default=200)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--legs", help="a directory for the meters around each lone-call phase")
    parser.add_argument("--server-pid", type=int, help="the server's process, whose CPU the throughput phase reads")
    parser.add_argument("--record", help="a file for the longest answer of each operation (null_ecs.js's answers)")
    args = parser.parse_args()
    global RECORDING
    RECORDING = bool(args.record)

    ecs = client(args.endpoint)
    run = uuid.uuid4().hex[:8]
    cluster = "peer-" + run
    ecs.create_cluster(clusterName=cluster)
    ecs.register_task_definition(family="peer", containerDefinitions=[
        {"name": "main", "image": "busybox", "cpu": 1, "memory": 8, "essential": True}])
    register_instances(args.endpoint, ecs, cluster, args.instances)

    if args.legs:
        os.makedirs(args.legs, exist_ok=True)
    create_p50 = phase(args.legs, "createCluster", args.samples,
                       lambda i: ecs.create_cluster(clusterName="peer-%s-%d" % (run, i)))
    run_p50 = phase(args.legs, "runTask", args.samples,
                    lambda i: ecs.run_task(cluster=cluster, taskDefinition="peer", count=1))
    ten = [t["taskArn"] for t in ecs.run_task(cluster=cluster, taskDefinition="peer", count=10)["tasks"]]
    reads = [lambda: ecs.describe_clusters(clusters=[cluster]),
             lambda: ecs.describe_tasks(cluster=cluster, tasks=ten),
             lambda: ecs.list_tasks(cluster=cluster, maxResults=100),
             lambda: ecs.list_container_instances(cluster=cluster, maxResults=100)]
    reads_p50 = phase(args.legs, "reads", args.samples, lambda i: reads[i % len(reads)]())
    after_write_p50 = read_after_write(ecs, cluster, args.samples // 2)
    rate, calls, errors, elapsed, cpu = throughput(args.endpoint, cluster, args.threads, args.duration, args.count,
                                                   args.server_pid)
    tasks = rate * elapsed
    result = {"endpoint": args.endpoint, "createClusterP50Ms": round(create_p50, 2),
              "runTaskP50Ms": round(run_p50, 2), "readsP50Ms": round(reads_p50, 2),
              "describeClustersAfterRunTaskP50Ms": round(after_write_p50, 2),
              "runTaskTasksPerSecond": round(rate, 1), "runTaskCalls": calls, "runTaskErrors": errors}
    for who, seconds in cpu.items():
        result[who + "CpuCores"] = round(seconds / elapsed, 3)
        result[who + "CpuMsPer1000Tasks"] = round(seconds * 1000 / tasks * 1000, 1) if tasks else None
    print(json.dumps(result))
    if args.record:
        with open(args.record, "w") as out:
            json.dump(RECORDED, out, indent=1, sort_keys=True)
            out.write("\n")


if __name__ == "__main__":
    main()
