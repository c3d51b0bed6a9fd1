package io.berth.placement;

import io.berth.ecs.EcsErrors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Places tasks on the container instances of one cluster: candidates from the narrowest index,
 * the feasibility filters, the strategies as lexicographic scores, then a seeded pick among the
 * ties. Pure: it reads the index and never changes it; with {@code count > 1} each placement is
 * reserved in a working copy before the next one is chosen.
 */
public final class PlacementEngine {

    public static final String NO_INSTANCES = "No Container Instances were found in your cluster.";

    private static final String ABSENT = "\u0000absent";
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** An attribute set above 1/8 of the cluster loses to the ordered walk when binpack decides. */
    private static final int BINPACK_WALK_SHARE = 8;

    /**
     * Places the request's tasks.
     *
     * @throws io.berth.ecs.EcsException InvalidParameterException when the cluster has no instances
     *     (callers that report service events check {@link ClusterIndex#isEmpty()} first)
     */
    public PlacementResult place(ClusterIndex index, PlacementRequest request) {
        if (index.isEmpty()) {
            throw EcsErrors.invalidParameter(NO_INSTANCES);
        }
        Check check = Check.of(request);
        Working working = new Working(index);
        List<PlacementResult.Placement> placements = new ArrayList<>();
        List<PlacementResult.Failure> failures = new ArrayList<>();
        List<PlacementResult.Diagnostics> diagnostics = new ArrayList<>();
        PlacementResult.Failure lastFailure = null;
        PlacementResult.Diagnostics lastFailureDiagnostics = null;
        for (int task = 0; task < request.count(); task++) {
            if (lastFailure != null && request.instances().isEmpty()) {
                // Nothing was reserved since the last failure, so the same state fails the same way.
                failures.add(new PlacementResult.Failure(task, lastFailure.arn(), lastFailure.reason()));
                diagnostics.add(lastFailureDiagnostics.forTask(task));
                continue;
            }
            Decision decision = request.instances().isEmpty()
                    ? choose(working, check, task)
                    : onListed(working, check, task, request.instances().get(task));
            diagnostics.add(decision.diagnostics());
            if (decision.chosen() == null) {
                lastFailure = decision.failure();
                lastFailureDiagnostics = decision.diagnostics();
                failures.add(lastFailure);
                continue;
            }
            PlacementResult.Placement placement = reserve(working, check, task, decision);
            placements.add(placement);
        }
        return new PlacementResult(placements, failures, diagnostics);
    }

    private record Decision(
            InstanceState chosen,
            List<PlacementResult.Score> scores,
            PlacementResult.Failure failure,
            PlacementResult.Diagnostics diagnostics) {
    }

    /** StartTask: the listed instance or a failure, no choice. */
    private Decision onListed(Working working, Check check, int task, String arn) {
        InstanceState state = working.state(arn);
        if (state == null) {
            return new Decision(null, List.of(), new PlacementResult.Failure(task, arn, Filter.MISSING.reason()),
                    new PlacementResult.Diagnostics(task, working.index().size(), "listed instance", 0,
                            Map.of(Filter.MISSING, 1), Optional.of(arn), Optional.of(Filter.MISSING), 0, 0, List.of()));
        }
        Filter rejection = Filter.firstRejection(state, check);
        Map<Filter, Integer> rejections = rejection == null ? Map.of() : Map.of(rejection, 1);
        PlacementResult.Failure failure = rejection == null ? null
                : new PlacementResult.Failure(task, arn, rejection.reason());
        return new Decision(rejection == null ? state : null, List.of(), failure,
                new PlacementResult.Diagnostics(task, working.index().size(), "listed instance", 1, rejections,
                        rejection == null ? Optional.empty() : Optional.of(arn), Optional.ofNullable(rejection),
                        rejection == null ? 1 : 0, rejection == null ? 1 : 0, List.of()));
    }

    private Decision choose(Working working, Check check, int task) {
        Source source = source(working.index(), check);
        Scan scan = new Scan(working, check, task);
        scan.run(source);
        if (scan.ties.isEmpty() && source.narrowed()) {
            // The narrowed source held no feasible instance, so none exists; scan everything once
            // so that the failure names the truly closest instance and counts every rejection.
            scan = new Scan(working, check, task);
            scan.run(new Source("all instances", instancesOf(working.index(), working.index().arns()), null, false));
        }
        return scan.decision();
    }

    private PlacementResult.Placement reserve(Working working, Check check, int task, Decision decision) {
        InstanceState chosen = decision.chosen();
        PlacementRequest r = check.request();
        List<Integer> dynamic = new ArrayList<>();
        Set<Integer> tcp = new TreeSet<>(r.tcpPorts());
        for (int port = InstanceState.EPHEMERAL_FIRST; dynamic.size() < r.dynamicPorts()
                && port <= InstanceState.EPHEMERAL_LAST; port++) {
            if (!chosen.reservedTcpPorts().contains(port) && !tcp.contains(port)) {
                dynamic.add(port);
                tcp.add(port);
            }
        }
        TaskPlacement reservation = new TaskPlacement("pending-" + task, chosen.arn(), Optional.of(check.group()),
                r.cpu(), r.memory(), tcp, r.udpPorts());
        working.reserve(reservation);
        return new PlacementResult.Placement(task, chosen.arn(), tcp, r.udpPorts(), dynamic, decision.scores());
    }

    /**
     * Where the candidates come from.
     *
     * @param orderedBy when set, the instances come in ascending order of that remaining resource
     *     and a binpack on it as first strategy can stop early
     * @param narrowed whether instances the filters would admit can be missing (never feasible
     *     ones, only ones some filter rejects)
     */
    private record Source(String description, Iterable<InstanceState> instances, Strategy.Resource orderedBy,
            boolean narrowed) {
    }

    /**
     * The smallest index set that holds every feasible instance: from a memberOf hint, a required
     * attribute or the capacity provider; else the instances with enough of the first binpack's
     * resource (or of CPU, or memory) left, in ascending order. When binpack decides and the
     * attribute set is a large share of the cluster, the ordered walk is preferred: it stops at the
     * first value that fits instead of visiting the whole set.
     */
    private static Source source(ClusterIndex index, Check check) {
        PlacementRequest r = check.request();
        String best = null;
        Collection<String> bestArns = null;
        for (Constraint c : r.constraints()) {
            if (c instanceof Constraint.MemberOf memberOf) {
                for (MemberOfHint.Hint hint : MemberOfHint.of(memberOf.query().expression())) {
                    Collection<String> arns = arnsOf(index, hint.attribute(), hint.values());
                    if (bestArns == null || arns.size() < bestArns.size()) {
                        best = "memberOf attribute " + hint.attribute() + (hint.values().isEmpty() ? "" : " in " + hint.values());
                        bestArns = arns;
                    }
                }
            }
        }
        for (RequiredAttribute required : r.requiresAttributes()) {
            Collection<String> arns = arnsOf(index, required.name(), required.value().map(Set::of).orElse(Set.of()));
            if (bestArns == null || arns.size() < bestArns.size()) {
                best = "required attribute " + required.name();
                bestArns = arns;
            }
        }
        if (r.capacityProvider().isPresent()) {
            NavigableSet<String> arns = index.ofCapacityProvider(r.capacityProvider().get());
            if (bestArns == null || arns.size() < bestArns.size()) {
                best = "capacity provider " + r.capacityProvider().get();
                bestArns = arns;
            }
        }
        Strategy first = r.effectiveStrategies().get(0);
        boolean binpackFirst = first instanceof Strategy.Binpack;
        if (bestArns != null && !(binpackFirst && bestArns.size() > index.size() / BINPACK_WALK_SHARE)) {
            return new Source(best, instancesOf(index, bestArns), null, true);
        }
        Strategy.Resource by = first instanceof Strategy.Binpack binpack ? binpack.resource()
                : r.cpu() > 0 ? Strategy.Resource.CPU
                : r.memory() > 0 ? Strategy.Resource.MEMORY
                : null;
        if (by == Strategy.Resource.CPU) {
            return new Source("remaining cpu >= " + r.cpu(), index.withRemainingCpuAtLeast(r.cpu()), by, true);
        }
        if (by == Strategy.Resource.MEMORY) {
            return new Source("remaining memory >= " + r.memory(), index.withRemainingMemoryAtLeast(r.memory()), by, true);
        }
        return new Source("all instances", instancesOf(index, index.arns()), null, false);
    }

    private static Collection<String> arnsOf(ClusterIndex index, String attribute, Set<String> values) {
        if (values.isEmpty()) {
            return index.withAttribute(attribute);
        }
        if (values.size() == 1) {
            return index.withAttribute(attribute, values.iterator().next());
        }
        TreeSet<String> union = new TreeSet<>();
        values.forEach(v -> union.addAll(index.withAttribute(attribute, v)));
        return union;
    }

    private static Iterable<InstanceState> instancesOf(ClusterIndex index, Collection<String> arns) {
        return () -> map(arns.iterator(), arn -> index.instance(arn).orElseThrow());
    }

    private static <A, B> Iterator<B> map(Iterator<A> it, Function<A, B> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public B next() {
                return f.apply(it.next());
            }
        };
    }

    /** One decision's pass over a source: filters, scores, ties, and the rejection bookkeeping. */
    private static final class Scan {
        private final Working working;
        private final Check check;
        private final int task;
        private final List<Strategy> strategies;
        private final List<Map<String, Integer>> valueCounts = new ArrayList<>();
        private final Map<Filter, Integer> rejections = new EnumMap<>(Filter.class);
        private final List<InstanceState> ties = new ArrayList<>();
        private long[] best;
        private int examined;
        private int feasible;
        private InstanceState closest;
        private Filter closestRejection;
        private String description = "";

        Scan(Working working, Check check, int task) {
            this.working = working;
            this.check = check;
            this.task = task;
            this.strategies = check.request().effectiveStrategies();
            for (Strategy s : strategies) {
                valueCounts.add(s instanceof Strategy.Spread spread && !spread.byInstance()
                        ? working.groupCountsByValue(check.group(), spread.attribute()) : null);
            }
        }

        void run(Source source) {
            description = source.description();
            Strategy first = strategies.get(0);
            boolean stopEarly = source.orderedBy() != null && first instanceof Strategy.Binpack binpack
                    && binpack.resource() == source.orderedBy();
            Set<String> seen = Set.of();
            if (stopEarly) {
                // The index orders instances by their committed resources; the few this request has
                // already reserved on are lower in truth, so they are looked at first.
                seen = working.changedArns();
                for (String arn : seen) {
                    consider(working.state(arn));
                }
            }
            for (InstanceState base : source.instances()) {
                if (stopEarly) {
                    if (seen.contains(base.arn())) {
                        continue;
                    }
                    long left = source.orderedBy() == Strategy.Resource.CPU
                            ? base.remainingCpu() - check.request().cpu()
                            : base.remainingMemory() - check.request().memory();
                    if (best != null && left > best[0]) {
                        break;
                    }
                }
                consider(working.stateOf(base));
            }
        }

        private void consider(InstanceState state) {
            examined++;
            Filter rejection = Filter.firstRejection(state, check);
            if (rejection != null) {
                rejections.merge(rejection, 1, Integer::sum);
                if (closestRejection == null || rejection.compareTo(closestRejection) > 0) {
                    closest = state;
                    closestRejection = rejection;
                }
                return;
            }
            feasible++;
            long[] scores = score(state);
            int cmp = best == null ? -1 : compare(scores, best);
            if (cmp < 0) {
                best = scores;
                ties.clear();
                ties.add(state);
            } else if (cmp == 0) {
                ties.add(state);
            }
        }

        private long[] score(InstanceState state) {
            PlacementRequest r = check.request();
            long[] scores = new long[strategies.size()];
            for (int i = 0; i < scores.length; i++) {
                Strategy s = strategies.get(i);
                if (s instanceof Strategy.Binpack binpack) {
                    scores[i] = binpack.resource() == Strategy.Resource.CPU
                            ? state.remainingCpu() - r.cpu()
                            : state.remainingMemory() - r.memory();
                } else if (s instanceof Strategy.Spread spread) {
                    scores[i] = spread.byInstance()
                            ? state.groupCount(check.group())
                            : valueCounts.get(i).getOrDefault(state.attribute(spread.attribute()).orElse(ABSENT), 0);
                } else {
                    scores[i] = mix(r.seed() + GOLDEN * (task + 1) + state.arn().hashCode());
                }
            }
            return scores;
        }

        Decision decision() {
            int size = working.index().size();
            if (ties.isEmpty()) {
                PlacementResult.Failure failure = closest == null ? null
                        : new PlacementResult.Failure(task, closest.arn(), closestRejection.reason());
                return new Decision(null, List.of(), failure, new PlacementResult.Diagnostics(task, size,
                        description, examined, rejections, Optional.ofNullable(closest).map(InstanceState::arn),
                        Optional.ofNullable(closestRejection), 0, 0, List.of()));
            }
            int pick = (int) Math.floorMod(mix(check.request().seed() ^ mix(task + 1L)), (long) ties.size());
            InstanceState chosen = ties.get(pick);
            List<PlacementResult.Score> scores = new ArrayList<>();
            for (int i = 0; i < best.length; i++) {
                scores.add(new PlacementResult.Score(strategies.get(i).describe(), best[i]));
            }
            return new Decision(chosen, scores, null, new PlacementResult.Diagnostics(task, size, description,
                    examined, rejections, Optional.ofNullable(closest).map(InstanceState::arn),
                    Optional.ofNullable(closestRejection), feasible, ties.size(), scores));
        }
    }

    private static int compare(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Long.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** SplitMix64's finaliser: a well-spread, reproducible hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The index plus the reservations of this request's earlier tasks, copied on write. */
    static final class Working {
        private final ClusterIndex index;
        private final Map<String, InstanceState> changed = new HashMap<>();

        Working(ClusterIndex index) {
            this.index = index;
        }

        ClusterIndex index() {
            return index;
        }

        InstanceState state(String arn) {
            InstanceState state = changed.get(arn);
            return state != null ? state : index.instance(arn).orElse(null);
        }

        InstanceState stateOf(InstanceState base) {
            return changed.isEmpty() ? base : changed.getOrDefault(base.arn(), base);
        }

        Set<String> changedArns() {
            return new TreeSet<>(changed.keySet());
        }

        void reserve(TaskPlacement task) {
            changed.put(task.instanceArn(), state(task.instanceArn()).withTask(task));
        }

        /** Tasks of the group per value of the attribute; instances without it count as one value. */
        Map<String, Integer> groupCountsByValue(String group, String attribute) {
            Map<String, Integer> perInstance = new HashMap<>(index.groupCounts(group));
            changed.forEach((arn, state) -> perInstance.put(arn, state.groupCount(group)));
            Map<String, Integer> byValue = new HashMap<>();
            perInstance.forEach((arn, count) -> {
                if (count > 0) {
                    byValue.merge(state(arn).attribute(attribute).orElse(ABSENT), count, Integer::sum);
                }
            });
            return byValue;
        }
    }
}
