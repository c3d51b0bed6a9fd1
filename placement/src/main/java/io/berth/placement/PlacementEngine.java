package io.berth.placement;

import io.berth.ecs.EcsErrors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Places tasks on the container instances of one cluster: candidates from the narrowest index,
 * walked in the order of the first strategy so that the walk can stop early, the feasibility
 * filters, the strategies as lexicographic scores, then a seeded pick among the ties (in ARN
 * order). A {@code random} first strategy draws instances instead and walks only when the draws
 * find nothing (ADR 0078). Pure: it reads the index and never changes what the index says (it may
 * build a secondary index of an attribute the first time it asks about it); with
 * {@code count > 1} each placement is reserved in a working copy before the next one is chosen.
 */
public final class PlacementEngine {

    public static final String NO_INSTANCES = "No Container Instances were found in your cluster.";

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /**
     * An unordered candidate set (capacity provider, or an {@code exists} hint over many values)
     * above 1/8 of the cluster loses to the ordered walk when binpack decides.
     */
    private static final int BINPACK_WALK_SHARE = 8;
    /** An {@code exists} hint over more values than this is read from the attribute-name set. */
    private static final int MAX_VALUE_PARTS = 64;
    /**
     * How many instances a {@code random} decision draws before it walks (ADR 0078): with a share p of the
     * instances feasible the walk is needed with probability (1 − p)^64 (0.1 % at p = 10 %), and 64 draws that all
     * fail cost about what a walk of 64 of the 2,000 instances of scenario 1 does.
     */
    static final int RANDOM_DRAWS = 64;
    /** Keeps the draws' sequence apart from the walk's hash and the tie-breaking pick of the same seed. */
    private static final long DRAWS_SALT = 0x5DEECE66DL;
    private static final Comparator<InstanceState> BY_ARN = (a, b) -> a.arn().compareTo(b.arn());

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
            // The last task's reservation would only be thrown away.
            boolean more = task + 1 < request.count();
            placements.add(reserve(working, check, task, decision, more));
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
        Scan scan = new Scan(working, check, task);
        if (scan.sample()) {
            return scan.decision();
        }
        if (scan.search()) {
            return scan.decision();
        }
        // The walks left out no feasible instance, so none exists; scan everything once, in ARN
        // order, so that the failure names the truly closest instance and counts every rejection.
        scan.reset();
        scan.walk(Source.all(working.index()), null, -1);
        return scan.decision();
    }

    private PlacementResult.Placement reserve(Working working, Check check, int task, Decision decision,
            boolean more) {
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
        if (more) {
            working.reserve(new TaskPlacement("pending-" + task, chosen.arn(), Optional.of(check.group()),
                    r.cpu(), r.memory(), tcp, r.udpPorts()));
        }
        return new PlacementResult.Placement(task, chosen.arn(), tcp, r.udpPorts(), dynamic, decision.scores());
    }

    /**
     * Where a walk takes its candidates from: disjoint parts, each in ascending order of
     * {@code orderedBy} (from the task's amount of it) when that is set. A source never leaves out
     * a feasible instance of the set it stands for.
     */
    private static final class Source {
        private String description;
        /** For a level of a spread by attribute: its values, named in the description on demand. */
        private final Set<String> level;
        final List<? extends Iterable<InstanceState>> parts;
        final Strategy.Resource orderedBy;
        final int size;
        /** When set, the instances of the source have this attribute (with one of {@code values}). */
        final String attribute;
        final Set<String> values;
        /** When set, the instances of the source belong to this capacity provider. */
        final String capacityProvider;

        Source(String description, List<? extends Iterable<InstanceState>> parts, Strategy.Resource orderedBy,
                int size, String attribute, Set<String> values, String capacityProvider) {
            this(description, null, parts, orderedBy, size, attribute, values, capacityProvider);
        }

        Source(String description, Set<String> level, List<? extends Iterable<InstanceState>> parts,
                Strategy.Resource orderedBy, int size, String attribute, Set<String> values, String capacityProvider) {
            this.description = description;
            this.level = level;
            this.parts = parts;
            this.orderedBy = orderedBy;
            this.size = size;
            this.attribute = attribute;
            this.values = values;
            this.capacityProvider = capacityProvider;
        }

        /** E.g. {@code spread attribute:ecs.availability-zone in [us-east-1b, us-east-1c]}. */
        String description() {
            if (description == null) {
                List<String> shown = new ArrayList<>();
                for (String v : level) {
                    shown.add(v.equals(ClusterIndex.ABSENT) ? "(absent)" : v);
                }
                shown.sort(null);
                description = "spread attribute:" + attribute + " in " + shown;
            }
            return description;
        }

        /** Every instance in ARN order. */
        static Source all(ClusterIndex index) {
            return new Source("all instances", List.of(index.instances()), null, index.size(), null, null, null);
        }

        /** Whether the instance (e.g. one this request already reserved on) belongs to the source. */
        boolean covers(InstanceState state) {
            if (capacityProvider != null) {
                return state.capacityProviderName().isPresent()
                        && state.capacityProviderName().get().equals(capacityProvider);
            }
            if (attribute == null) {
                return true;
            }
            if (level != null) {
                return level.contains(ClusterIndex.valueOf(state, attribute));
            }
            String value = state.attributes().get(attribute);
            return value != null && (values.isEmpty() || values.contains(value));
        }
    }

    /** Which instances of a source a walk considers: those of one level of the first strategy. */
    private interface Tier {
        boolean admits(InstanceState state);
    }

    /**
     * One decision: finds the candidates of the best level of the first strategy by walking an
     * index in that strategy's order, runs the filters on them, scores them, and keeps the ties;
     * counts the rejections on the way.
     */
    private static final class Scan {
        private static final int BINPACK_CPU = 0;
        private static final int BINPACK_MEMORY = 1;
        private static final int SPREAD_INSTANCE = 2;
        private static final int SPREAD_ATTRIBUTE = 3;
        private static final int RANDOM = 4;

        private final Working working;
        private final ClusterIndex index;
        private final Check check;
        private final PlacementRequest request;
        private final int task;
        private final List<Strategy> strategies;
        private final int[] kinds;
        private final SpreadCounts[] spreads;
        private final int[] rejections = new int[Filter.COUNT];
        private final ArrayList<InstanceState> ties = new ArrayList<>(128);
        /**
         * Whether the ties are known to be in ARN order: they all came from one part of an ordered
         * walk, where equal scores mean equal resources left, and (resource, ARN) is the order.
         */
        private boolean tiesSorted;
        /** The part of the source being walked in order; -1 outside an ordered walk. */
        private int part = -1;
        private int tiesPart = -1;
        /** The first strategy's score of every instance of the level being walked; -1 when unknown. */
        private long firstScore = -1;
        private long[] best;
        private long[] scratch;
        private int examined;
        private int feasible;
        private InstanceState closest;
        private Filter closestRejection;
        private Source source;

        Scan(Working working, Check check, int task) {
            this.working = working;
            this.index = working.index();
            this.check = check;
            this.request = check.request();
            this.task = task;
            this.strategies = request.effectiveStrategies();
            int n = strategies.size();
            this.kinds = new int[n];
            this.spreads = new SpreadCounts[n];
            for (int i = 0; i < n; i++) {
                Strategy s = strategies.get(i);
                if (s instanceof Strategy.Binpack binpack) {
                    kinds[i] = binpack.resource() == Strategy.Resource.CPU ? BINPACK_CPU : BINPACK_MEMORY;
                } else if (s instanceof Strategy.Spread spread) {
                    kinds[i] = spread.byInstance() ? SPREAD_INSTANCE : SPREAD_ATTRIBUTE;
                    if (!spread.byInstance()) {
                        spreads[i] = new SpreadCounts(working, check.group(), spread.attribute());
                    }
                } else {
                    kinds[i] = RANDOM;
                }
            }
            this.scratch = new long[n];
        }

        void reset() {
            Arrays.fill(rejections, 0);
            ties.clear();
            best = null;
            examined = 0;
            feasible = 0;
            closest = null;
            closestRejection = null;
        }

        /**
         * A {@code random} first strategy: draws instances uniformly, with replacement, from the whole cluster in ARN
         * order and takes the first that passes every filter on this request's working state, which is a uniform
         * choice among the feasible instances. False, with nothing counted, after {@link #RANDOM_DRAWS} draws that
         * found nothing or for any other first strategy: then the walk decides, and its diagnostics are the decision's.
         */
        boolean sample() {
            if (kinds[0] != RANDOM) {
                return false;
            }
            Draws draws = Draws.of(request.seed(), task);
            int n = index.size();
            source = new Source("random draws from all instances", List.of(), null, n, null, null, null);
            Map<String, InstanceState> changed = working.changed;
            for (int draw = 1; draw <= RANDOM_DRAWS; draw++) {
                InstanceState state = index.instanceAt(draws.below(n));
                if (!changed.isEmpty()) {
                    InstanceState mine = changed.get(state.arn());
                    if (mine != null) {
                        state = mine;
                    }
                }
                examined++;
                Filter rejection = Filter.firstRejection(state, check);
                if (rejection != null) {
                    reject(state, rejection);
                    continue;
                }
                feasible = 1;
                best = scratch;
                score(state, best);
                // The random strategy decided by the draw, not by a score: its score is the draw that found the
                // instance (1 = the first), which the explanation shows.
                best[0] = draw;
                ties.add(state);
                return true;
            }
            reset();
            return false;
        }

        /** Walks what the first strategy needs; false when no feasible instance exists. */
        boolean search() {
            switch (kinds[0]) {
                case BINPACK_CPU, BINPACK_MEMORY -> {
                    // Ascending by what is left: everything after the first value past the best is worse.
                    walk(candidates(binpackResource(0), null), null, 0);
                    return !ties.isEmpty();
                }
                case SPREAD_ATTRIBUTE -> {
                    return spreadByAttribute();
                }
                case SPREAD_INSTANCE -> {
                    // The instances without a task of the group come first; when one of them is
                    // feasible, the best are among them.
                    Strategy.Resource then = binpackResource(1);
                    Source source = candidates(then, null);
                    String group = check.group();
                    firstScore = 0;
                    walk(source, state -> state.groupCount(group) == 0, then != null ? 1 : -1);
                    firstScore = -1;
                    if (!ties.isEmpty()) {
                        return true;
                    }
                    reset();
                    walk(source, null, -1);
                    return !ties.isEmpty();
                }
                default -> {
                    walk(candidates(null, null), null, -1);
                    return !ties.isEmpty();
                }
            }
        }

        /**
         * Visits the values of the attribute in ascending order of the group's tasks on them, a
         * level (the values with equal counts) at a time, and stops at the first level with a
         * feasible instance: every instance of a later level scores worse on the first strategy.
         */
        private boolean spreadByAttribute() {
            SpreadCounts counts = spreads[0];
            Map<String, ClusterIndex.ValueSets> values = counts.attribute.values();
            String[] names = values.keySet().toArray(new String[0]);
            long[] order = new long[names.length];
            for (int i = 0; i < names.length; i++) {
                order[i] = ((long) counts.count(names[i]) << 32) | i;
            }
            Arrays.sort(order);
            Strategy.Resource then = binpackResource(1);
            Strategy.Resource by = then != null ? then : defaultResource();
            int amount = amount(by);
            int k = then != null ? 1 : -1;
            for (int from = 0; from < order.length; ) {
                int to = from + 1;
                while (to < order.length && (order[to] >>> 32) == (order[from] >>> 32)) {
                    to++;
                }
                Set<String> level = new HashSet<>();
                List<Iterable<InstanceState>> parts = new ArrayList<>();
                int size = 0;
                for (int i = from; i < to; i++) {
                    String value = names[(int) order[i]];
                    level.add(value);
                    size += values.get(value).size();
                }
                long count = order[from] >>> 32;
                from = to;
                // Its own instances: an attribute source with the level's values, read as a level.
                Source own = new Source(null, level, parts, by, size, counts.attribute.name(), level, null);
                Source source = candidates(then, own);
                String name = counts.attribute.name();
                firstScore = count;
                if (source == own) {
                    for (String value : level) {
                        parts.add(values.get(value).atLeast(by, amount));
                    }
                    walk(source, null, k);
                } else {
                    walk(source, state -> level.contains(ClusterIndex.valueOf(state, name)), k);
                }
                firstScore = -1;
                if (!ties.isEmpty()) {
                    return true;
                }
                if (source != own) {
                    // The level was read out of a narrower set; rather than reading that set once per
                    // level, score all of it.
                    reset();
                    walk(source, null, -1);
                    return !ties.isEmpty();
                }
            }
            return false;
        }

        /** The resource of the binpack at position {@code i}, or null when that is no binpack. */
        private Strategy.Resource binpackResource(int i) {
            if (i >= kinds.length) {
                return null;
            }
            return kinds[i] == BINPACK_CPU ? Strategy.Resource.CPU
                    : kinds[i] == BINPACK_MEMORY ? Strategy.Resource.MEMORY : null;
        }

        /** The resource candidates are cut by when no binpack orders them: CPU, else memory. */
        private Strategy.Resource defaultResource() {
            return request.cpu() > 0 || request.memory() == 0 ? Strategy.Resource.CPU : Strategy.Resource.MEMORY;
        }

        private int amount(Strategy.Resource resource) {
            return resource == Strategy.Resource.CPU ? request.cpu() : request.memory();
        }

        /**
         * The smallest set that holds every feasible instance (of the level, when {@code level} is
         * given): from a memberOf hint, a required attribute, the capacity provider or the level
         * itself; else the instances with enough of the resource left. With {@code ordered} set,
         * the parts come in ascending order of that resource, unless an unordered set is much
         * smaller than the cluster.
         */
        private Source candidates(Strategy.Resource ordered, Source level) {
            Strategy.Resource by = ordered != null ? ordered : defaultResource();
            int amount = amount(by);
            Check.AttributeHint bestHint = null;
            int bestSize = Integer.MAX_VALUE;
            for (Check.AttributeHint hint : check.hints()) {
                int size = hintSize(hint);
                if (bestHint == null || size < bestSize) {
                    bestHint = hint;
                    bestSize = size;
                }
            }
            Source best = null;
            Optional<String> provider = request.capacityProvider();
            if (provider.isPresent()) {
                Collection<String> arns = index.ofCapacityProvider(provider.get());
                if (bestHint == null || arns.size() < bestSize) {
                    best = new Source("capacity provider " + provider.get(), List.of(instancesOf(index, arns)), null,
                            arns.size(), null, null, provider.get());
                    bestSize = arns.size();
                }
            }
            if (level != null && ((best == null && bestHint == null) || level.size < bestSize)) {
                best = level;
            } else if (best == null && bestHint != null) {
                best = hintSource(bestHint, by, amount, bestSize);
            }
            if (best != null && !(ordered != null && best.orderedBy == null
                    && best.size > index.size() / BINPACK_WALK_SHARE)) {
                return best;
            }
            String description = ordered == null && request.cpu() == 0 && request.memory() == 0
                    ? "all instances" : "remaining " + by.field() + " >= " + amount;
            return new Source(description, List.of(by == Strategy.Resource.CPU
                    ? index.withRemainingCpuAtLeast(amount) : index.withRemainingMemoryAtLeast(amount)),
                    by, index.size(), null, null, null);
        }

        /** From the ARN sets, so that only the attribute of the hint the walk reads gets tracked. */
        private int hintSize(Check.AttributeHint hint) {
            if (hint.values().isEmpty()) {
                return index.withAttribute(hint.attribute()).size();
            }
            int size = 0;
            for (String value : hint.values()) {
                size += index.withAttribute(hint.attribute(), value).size();
            }
            return size;
        }

        private Source hintSource(Check.AttributeHint hint, Strategy.Resource by, int amount, int size) {
            ClusterIndex.AttributeIndex attribute = index.attributeIndex(hint.attribute());
            Collection<String> values = hint.values();
            if (values.isEmpty()) {
                if (attribute.values().size() > MAX_VALUE_PARTS) {
                    return new Source(hint.description(),
                            List.of(instancesOf(index, index.withAttribute(hint.attribute()))), null, size,
                            hint.attribute(), hint.values(), null);
                }
                values = attribute.values().keySet();
            }
            List<Iterable<InstanceState>> parts = new ArrayList<>();
            for (String value : values) {
                ClusterIndex.ValueSets sets = attribute.instancesWith(value);
                if (sets != null && !value.equals(ClusterIndex.ABSENT)) {
                    parts.add(sets.atLeast(by, amount));
                }
            }
            return new Source(hint.description(), parts, by, size, hint.attribute(), hint.values(), null);
        }

        /**
         * Considers the instances of the source that the level admits. With {@code k >= 0} the
         * source is in ascending order of the binpack at position {@code k}, all instances of the
         * level score the same on the strategies before it, and each part is left at the first
         * instance that scores worse than the best so far. The instances this request has already
         * reserved on sit lower in truth than where the index files them, so an ordered walk looks
         * at them first.
         */
        void walk(Source source, Tier level, int k) {
            this.source = source;
            Map<String, InstanceState> changed = working.changed;
            // Stop early only on a source in the order of that binpack's resource (a small capacity
            // provider set, say, comes in ARN order and is read whole).
            boolean ordered = k >= 0 && source.orderedBy != null && source.orderedBy == binpackResource(k);
            boolean cpu = ordered && kinds[k] == BINPACK_CPU;
            part = -1;
            if (ordered && !changed.isEmpty()) {
                for (InstanceState state : new TreeMap<>(changed).values()) {
                    if (source.covers(state) && (level == null || level.admits(state))) {
                        consider(state);
                    }
                }
            }
            // A random first strategy scores an instance by its ARN alone: one that scores worse than the best feasible
            // instance so far can neither win nor tie, whatever it holds, so it is counted and passed over before the
            // filters and the request's own reservations are looked at. The choice is the scan's; only the rejections
            // and the feasible count of a decision that placed cover the instances that could still have won.
            boolean random = kinds[0] == RANDOM;
            List<? extends Iterable<InstanceState>> parts = source.parts;
            for (int p = 0; p < parts.size(); p++) {
                part = ordered ? p : -1;
                for (InstanceState base : parts.get(p)) {
                    if (random && best != null && randomScore(base) > best[0]) {
                        examined++;
                        continue;
                    }
                    InstanceState state = base;
                    if (!changed.isEmpty()) {
                        InstanceState mine = changed.get(base.arn());
                        if (mine != null) {
                            if (ordered) {
                                continue;
                            }
                            state = mine;
                        }
                    }
                    if (ordered && best != null) {
                        long left = cpu ? base.remainingCpu() - request.cpu() : base.remainingMemory() - request.memory();
                        if (left > best[k]) {
                            break;
                        }
                    }
                    if (level == null || level.admits(state)) {
                        consider(state);
                    }
                }
            }
            part = -1;
        }

        private void consider(InstanceState state) {
            examined++;
            Filter rejection = Filter.firstRejection(state, check);
            if (rejection != null) {
                reject(state, rejection);
                return;
            }
            feasible++;
            long[] scores = scratch;
            score(state, scores);
            int cmp = best == null ? -1 : compare(scores, best);
            if (cmp < 0) {
                scratch = best == null ? new long[scores.length] : best;
                best = scores;
                ties.clear();
                ties.add(state);
                tiesSorted = part >= 0;
                tiesPart = part;
            } else if (cmp == 0) {
                ties.add(state);
                tiesSorted &= part == tiesPart;
            }
        }

        private void reject(InstanceState state, Filter rejection) {
            rejections[rejection.ordinal()]++;
            if (closestRejection == null || rejection.compareTo(closestRejection) > 0) {
                closest = state;
                closestRejection = rejection;
            }
        }

        private void score(InstanceState state, long[] scores) {
            int i = 0;
            if (firstScore >= 0) {
                scores[0] = firstScore;
                i = 1;
            }
            for (; i < scores.length; i++) {
                switch (kinds[i]) {
                    case BINPACK_CPU -> scores[i] = state.remainingCpu() - request.cpu();
                    case BINPACK_MEMORY -> scores[i] = state.remainingMemory() - request.memory();
                    case SPREAD_INSTANCE -> scores[i] = state.groupCount(check.group());
                    case SPREAD_ATTRIBUTE -> scores[i] = spreads[i].count(
                            ClusterIndex.valueOf(state, spreads[i].attribute.name()));
                    default -> scores[i] = randomScore(state);
                }
            }
        }

        /** The random strategy's score: a seeded hash of (seed, task index, ARN). */
        private long randomScore(InstanceState state) {
            return mix(request.seed() + GOLDEN * (task + 1) + state.arn().hashCode());
        }

        Decision decision() {
            int size = index.size();
            Map<Filter, Integer> histogram = new EnumMap<>(Filter.class);
            for (Filter filter : Filter.values()) {
                if (rejections[filter.ordinal()] > 0) {
                    histogram.put(filter, rejections[filter.ordinal()]);
                }
            }
            if (ties.isEmpty()) {
                PlacementResult.Failure failure = closest == null ? null
                        : new PlacementResult.Failure(task, closest.arn(), closestRejection.reason());
                return new Decision(null, List.of(), failure, new PlacementResult.Diagnostics(task, size,
                        source.description(), examined, histogram, Optional.ofNullable(closest).map(InstanceState::arn),
                        Optional.ofNullable(closestRejection), 0, 0, List.of()));
            }
            // The ties in ARN order, whichever index they came from.
            if (!tiesSorted) {
                ties.sort(BY_ARN);
            }
            int pick = (int) Math.floorMod(mix(request.seed() ^ mix(task + 1L)), (long) ties.size());
            InstanceState chosen = ties.get(pick);
            List<PlacementResult.Score> scores = new ArrayList<>();
            for (int i = 0; i < best.length; i++) {
                scores.add(new PlacementResult.Score(strategies.get(i).describe(), best[i]));
            }
            return new Decision(chosen, scores, null, new PlacementResult.Diagnostics(task, size, source.description(),
                    examined, histogram, Optional.ofNullable(closest).map(InstanceState::arn),
                    Optional.ofNullable(closestRejection), feasible, ties.size(), scores));
        }
    }

    /**
     * SplitMix64 (the finaliser {@link #mix} over a Weyl sequence), written out rather than taken from the JDK so
     * that a seed draws the same instances on every JVM, and Lemire's bounded draw, which is exactly uniform.
     */
    static final class Draws {
        private long state;

        private Draws(long seed) {
            this.state = seed;
        }

        /** The draws of one task of a request. */
        static Draws of(long seed, int task) {
            return new Draws(mix(seed ^ DRAWS_SALT ^ mix(task + 1L)));
        }

        long next() {
            state += GOLDEN;
            return mix(state);
        }

        /** Uniform in [0, bound), 0 < bound: the 32-bit draws whose products fall in the short first interval are redrawn. */
        int below(int bound) {
            long m = (next() >>> 32) * bound;
            long low = m & 0xFFFFFFFFL;
            if (low < bound) {
                long threshold = (0x1_0000_0000L - bound) % bound;
                while (low < threshold) {
                    m = (next() >>> 32) * bound;
                    low = m & 0xFFFFFFFFL;
                }
            }
            return (int) (m >>> 32);
        }
    }

    /**
     * The group's tasks per value of an attribute, as the index keeps them, plus what this request
     * has reserved so far; instances without the attribute count as one value.
     */
    private static final class SpreadCounts {
        final ClusterIndex.AttributeIndex attribute;
        private final Map<String, int[]> committed;
        private final Map<String, Integer> reserved;

        SpreadCounts(Working working, String group, String attribute) {
            this.attribute = working.index().attributeIndex(attribute);
            this.committed = this.attribute.groupCounts(group);
            Map<String, Integer> mine = null;
            for (Map.Entry<String, InstanceState> e : working.changed.entrySet()) {
                InstanceState base = working.index().instance(e.getKey()).orElseThrow();
                int delta = e.getValue().groupCount(group) - base.groupCount(group);
                if (delta != 0) {
                    if (mine == null) {
                        mine = new HashMap<>();
                    }
                    mine.merge(ClusterIndex.valueOf(base, attribute), delta, Integer::sum);
                }
            }
            this.reserved = mine;
        }

        int count(String value) {
            int count = 0;
            if (committed != null) {
                int[] c = committed.get(value);
                if (c != null) {
                    count = c[0];
                }
            }
            if (reserved != null) {
                Integer r = reserved.get(value);
                if (r != null) {
                    count += r;
                }
            }
            return count;
        }
    }

    private static Iterable<InstanceState> instancesOf(ClusterIndex index, Collection<String> arns) {
        return () -> new Iterator<>() {
            private final Iterator<String> it = arns.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public InstanceState next() {
                return index.instance(it.next()).orElseThrow();
            }
        };
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

        void reserve(TaskPlacement task) {
            changed.put(task.instanceArn(), state(task.instanceArn()).withTask(task));
        }
    }
}
