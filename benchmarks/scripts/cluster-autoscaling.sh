#!/usr/bin/env bash
# Cluster auto scaling (issue 20), docs/benchmarks.md:
#   benchmarks/scripts/cluster-autoscaling.sh [tasks] [warm-up seconds]   (default 500, 60)
# A fresh stack (./berth up), scripted as an ECS user would: an EC2 launch template (m5.xlarge, simulated
# instances through its berth:runtime tag, user data naming the cluster), an Auto Scaling group (min 0, max 60,
# new instances protected from scale-in), a capacity provider on it with managed scaling ENABLED (target 100,
# steps 1..10000, the given instanceWarmupPeriod) and managed termination protection, the cluster's default
# strategy; a service of a task sized so that 10 fit an m5.xlarge (400 CPU units, 1,536 MiB), desired 0.
# Scale-out: desired 0 -> TASKS, clocked from UpdateService until DescribeServices says runningCount = TASKS.
# Scale-in: desired TASKS -> 0, clocked from UpdateService until the group has no instance left.
# Every few seconds a sample (running, pending, the group's desired capacity, its InService and other
# instances) goes to timeline.tsv; the provider's measurements and managed scaling's decisions (/v1) to
# decisions.json.
# Periods: the stack's capacity measurement and scaling metric period are SCALE_PERIOD (default PT10S, ECS's
# minute is PT60S), so the 15 datapoints of ECS's low alarm take 150 s instead of 15 min; with the defaults
# (SCALE_PERIOD=PT60S) a run takes over 25 minutes.
# The stack comes from the checkout BERTH_REPO (default: this one) with its services built; results stay here.
# Needs only the AWS CLI v2 (/usr/bin/aws) and python3; run it under the build lock.
set -euo pipefail
cd "$(dirname "$0")/../.."
tasks=${1:-500}
warmup=${2:-60}
period=${SCALE_PERIOD:-PT10S}
repo=${BERTH_REPO:-$PWD}
out=$PWD/benchmarks/target/results/cluster-autoscaling-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
if curl -s -o /dev/null http://localhost:8080/; then
  echo "Something already answers on port 8080: stop that stack first." >&2
  exit 1
fi
export BERTH_HOME=$(mktemp -d /tmp/berth-bench.XXXXXX)
export BERTH_CAPACITY_MEASUREMENT_PERIOD=$period BERTH_SCALING_METRIC_PERIOD=$period
(cd "$repo" && exec ./berth up) >"$out/stack.log" 2>&1 &
stack=$!
cleanup() { (cd "$repo" && ./berth down) >/dev/null 2>&1 || true; wait "$stack" 2>/dev/null || true; rm -rf "$BERTH_HOME"; }
trap cleanup EXIT
aws() { AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_PAGER= /usr/bin/aws --endpoint-url http://localhost:8080 \
  --region us-east-1 --output json "$@" </dev/null; }
until grep -q "Berth is up" "$out/stack.log"; do
  kill -0 "$stack" 2>/dev/null || { echo "the stack did not start: $out/stack.log" >&2; exit 1; }
  sleep 2
done

cluster=cas-bench
aws ecs create-cluster --cluster-name "$cluster" >/dev/null
userdata=$(printf '#!/bin/bash\necho ECS_CLUSTER=%s >> /etc/ecs/ecs.config\n' "$cluster" | base64 -w0)
aws ec2 create-launch-template --launch-template-name cas-hosts --launch-template-data \
  "{\"InstanceType\":\"m5.xlarge\",\"ImageId\":\"ami-0abc1234\",\"UserData\":\"$userdata\"}" \
  --tag-specifications 'ResourceType=launch-template,Tags=[{Key=berth:runtime,Value=simulated}]' >/dev/null
aws autoscaling create-auto-scaling-group --auto-scaling-group-name cas-hosts --launch-template \
  'LaunchTemplateName=cas-hosts,Version=$Latest' --min-size 0 --max-size 60 --desired-capacity 0 \
  --availability-zones us-east-1a us-east-1b --new-instances-protected-from-scale-in
group_arn=$(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names cas-hosts \
  --query 'AutoScalingGroups[0].AutoScalingGroupARN' --output text)
aws ecs create-capacity-provider --name cas-capacity --auto-scaling-group-provider "autoScalingGroupArn=$group_arn,\
managedScaling={status=ENABLED,targetCapacity=100,minimumScalingStepSize=1,maximumScalingStepSize=10000,\
instanceWarmupPeriod=$warmup},managedTerminationProtection=ENABLED" >"$out/capacity-provider.json"
aws ecs put-cluster-capacity-providers --cluster "$cluster" --capacity-providers cas-capacity \
  --default-capacity-provider-strategy capacityProvider=cas-capacity,weight=1,base=0 >/dev/null
aws ecs register-task-definition --family cas-app --container-definitions \
  '[{"name":"app","image":"busybox","cpu":400,"memory":1536}]' >/dev/null
aws ecs create-service --cluster "$cluster" --service-name app --task-definition cas-app --desired-count 0 >/dev/null

sample() {  # epoch ms, phase, running, pending, the group's desired capacity, InService instances, other instances
  local now service group
  now=$(date +%s%3N)
  service=$(aws ecs describe-services --cluster "$cluster" --services app \
    --query 'services[0].[runningCount,pendingCount]' --output text)
  group=$(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names cas-hosts --query \
    "AutoScalingGroups[0].[DesiredCapacity,length(Instances[?LifecycleState=='InService'] || \`[]\`),length(Instances[?LifecycleState!='InService'] || \`[]\`)]" \
    --output text)
  printf '%s\t%s\t%s\t%s\n' "$now" "$1" "$service" "$group" | tr -s ' ' '\t' | tee -a "$out/timeline.tsv"
}
# Samples until the condition on the newest one holds, for at most the given seconds: 0 when it held.
watch_until() {
  local phase=$1 limit=$2 condition=$3 start=$SECONDS
  while (( SECONDS - start < limit )); do
    sample "$phase" | awk -F'\t' "{ exit !($condition) }" && return 0
    sleep 1
  done
  return 1
}

printf 'epoch_ms\tphase\trunning\tpending\tgroup_desired\tin_service\tother\n' >"$out/timeline.tsv"
date +%s%3N >"$out/scale-out.start"
aws ecs update-service --cluster "$cluster" --service app --desired-count "$tasks" >/dev/null
watch_until out 900 "\$3 == $tasks" && date +%s%3N >"$out/scale-out.end" || echo "scale-out did not finish in 15 min" >&2
date +%s%3N >"$out/scale-in.start"
aws ecs update-service --cluster "$cluster" --service app --desired-count 0 >/dev/null
watch_until in 1200 "\$3 == 0 && \$6 == 0 && \$7 == 0" && date +%s%3N >"$out/scale-in.end" || echo "scale-in did not finish in 20 min" >&2
curl -s "http://localhost:8080/v1/clusters/$cluster/capacity-providers/cas-capacity/scaling?limit=1000" >"$out/decisions.json"
aws autoscaling describe-scaling-activities --auto-scaling-group-name cas-hosts --max-items 1000 >"$out/activities.json"
aws ecs describe-services --cluster "$cluster" --services app --query 'services[0].events[].[createdAt,message]' \
  --output text >"$out/service-events.txt"

python3 - "$out" "$tasks" "$period" "$warmup" <<'PY' | tee "$out/summary.txt"
import os, sys
out, tasks, period, warmup = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def stamp(name):
    path = f"{out}/{name}"
    return int(open(path).read()) if os.path.exists(path) else None
rows = [line.rstrip("\n").split("\t") for line in open(f"{out}/timeline.tsv")][1:]
rows = [(int(r[0]), r[1], *map(int, r[2:7])) for r in rows if len(r) >= 7]
print(f"{tasks} tasks, 10 per m5.xlarge, warm-up {warmup} s, measurement and metric period {period}")
for phase in ("out", "in"):
    start, end = stamp(f"scale-{phase}.start"), stamp(f"scale-{phase}.end")
    samples = [r for r in rows if r[1] == phase]
    print(f"scale-{phase}: " + (f"{(end - start) / 1000:.1f} s" if end else "did not finish")
          + f" ({len(samples)} samples)")
    # The timeline: each sample where the group's desired capacity or its instances changed, and each tenth task.
    last = None
    for t, _, running, pending, desired, in_service, other in samples:
        key = (desired, in_service, other, running // max(1, tasks // 10))
        if key != last:
            print(f"  {(t - start) / 1000:7.1f} s  running {running:4d}  pending {pending:4d}"
                  f"  group desired {desired:3d}  InService {in_service:3d}  launching/leaving {other:3d}")
            last = key
PY
