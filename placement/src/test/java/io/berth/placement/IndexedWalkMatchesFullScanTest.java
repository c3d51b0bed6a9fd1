package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.berth.placement.Instances.arn;
import static io.berth.placement.Instances.instance;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine walks indexes and stops early; this checks it against the definition, a plain scan of
 * every instance: filters in pipeline order, score vectors compared lexicographically, the seeded
 * pick among the ties in ARN order (a random first strategy draws first, ADR 0078), each placement
 * reserved before the next, and on failure the closest instance (latest filter, first in ARN order)
 * and the histogram over all instances. Random clusters are changed between placements (tasks come
 * and go, attributes and registrations change, instances leave) so that the indexes the engine
 * builds have to follow.
 */
class IndexedWalkMatchesFullScanTest {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final String[] ZONES = {"us-east-1a", "us-east-1b", "us-east-1c"};
    private static final String[] RACKS = {"r1", "r2", "r3"};
    private static final String[] GROUPS = {"service:web", "service:db", "family:batch"};
    private static final String[] STRATEGIES = {"binpack cpu", "binpack memory", "spread instanceId",
            "spread attribute:ecs.availability-zone", "spread attribute:rack", "random x"};
    private static final String[] MEMBER_OF = {"attribute:rack == r1", "attribute:rack in [r1, r2]",
            "attribute:rack exists", "attribute:rack exists and attribute:ecs.instance-type == big",
            "attribute:rack != r1", "attribute:ecs.availability-zone in [us-east-1a, us-east-1c]",
            "attribute:ecs.instance-type == small or attribute:rack == r3"};
    private static final int[] CPU = {0, 128, 256, 1024};
    private static final int[] MEMORY = {0, 256, 512, 2048};

    @ParameterizedTest(name = "seed {0}: 400 random clusters and requests, each against a full scan")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void sameOutcomeAsAFullScan(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 40; round++) {
            ClusterIndex index = new ClusterIndex();
            int size = 1 + random.nextInt(random.nextBoolean() ? 12 : 120);
            for (int i = 0; i < size; i++) {
                index.upsertInstance(randomInstance(random, "i" + i).build());
            }
            int taskSeq = 0;
            for (int i = 0; i < size * 2; i++) {
                taskSeq = addRandomTask(random, index, size, taskSeq);
            }
            for (int step = 0; step < 10; step++) {
                PlacementRequest request = randomRequest(random, size);
                String expected = reference(index, request);
                PlacementResult result = Requests.ENGINE.place(index, request);
                assertThat(describe(result)).as("seed %d round %d step %d: %s", seed, round, step, request)
                        .isEqualTo(expected);
                for (int m = random.nextInt(4); m > 0 && index.size() > 1; m--) {
                    taskSeq = mutate(random, index, size, taskSeq);
                }
            }
        }
    }

    private static InstanceState.Builder randomInstance(Random random, String id) {
        InstanceState.Builder b = instance(id).attributes(Map.of())
                .remaining(256 * (1 + random.nextInt(6)), 512 * (1 + random.nextInt(6)));
        if (random.nextInt(8) != 0) {
            b.attribute(InstanceState.AVAILABILITY_ZONE, ZONES[random.nextInt(ZONES.length)]);
        }
        if (random.nextBoolean()) {
            b.attribute("rack", RACKS[random.nextInt(RACKS.length)]);
        }
        b.attribute(InstanceState.INSTANCE_TYPE, random.nextBoolean() ? "big" : "small");
        if (random.nextInt(10) == 0) {
            b.status(InstanceStatus.DRAINING);
        }
        if (random.nextInt(10) == 0) {
            b.agentConnected(false);
        }
        if (random.nextInt(4) == 0) {
            b.capacityProviderName(random.nextInt(3) == 0 ? "cp1" : "cp2");
        }
        if (random.nextInt(6) == 0) {
            b.reservedPorts(Set.of(80), random.nextBoolean() ? Set.of(53) : Set.of());
        }
        return b;
    }

    private static int addRandomTask(Random random, ClusterIndex index, int size, int seq) {
        String id = "i" + random.nextInt(size);
        if (index.instance(arn(id)).isPresent()) {
            index.addTask(TaskPlacement.of("t" + seq, arn(id), GROUPS[random.nextInt(GROUPS.length)],
                    64 * random.nextInt(3), 128 * random.nextInt(3)));
        }
        return seq + 1;
    }

    private static int mutate(Random random, ClusterIndex index, int size, int seq) {
        String id = "i" + random.nextInt(size);
        boolean known = index.instance(arn(id)).isPresent();
        switch (random.nextInt(7)) {
            case 0, 1 -> seq = addRandomTask(random, index, size, seq);
            case 2 -> index.removeTask("t" + random.nextInt(Math.max(1, seq)));
            case 3 -> {
                if (known) {
                    Map<String, String> attributes = new HashMap<>(index.instance(arn(id)).orElseThrow().attributes());
                    if (random.nextBoolean()) {
                        attributes.remove("rack");
                    } else {
                        attributes.put("rack", RACKS[random.nextInt(RACKS.length)]);
                    }
                    attributes.put(InstanceState.AVAILABILITY_ZONE, ZONES[random.nextInt(ZONES.length)]);
                    index.setAttributes(arn(id), attributes);
                }
            }
            case 4 -> index.upsertInstance(randomInstance(random, id).build());
            case 5 -> {
                if (known) {
                    index.setStatus(arn(id), random.nextBoolean() ? InstanceStatus.ACTIVE : InstanceStatus.DRAINING);
                }
            }
            default -> index.removeInstance(arn(id));
        }
        return seq;
    }

    private static PlacementRequest randomRequest(Random random, int size) {
        PlacementRequest.Builder b = PlacementRequest.builder()
                .cpu(CPU[random.nextInt(CPU.length)])
                .memory(MEMORY[random.nextInt(MEMORY.length)])
                .seed(random.nextLong());
        int group = random.nextInt(GROUPS.length + 1);
        if (group < GROUPS.length) {
            b.group(GROUPS[group]);
        }
        if (random.nextInt(3) == 0) {
            // StartTask: listed instances, no strategies
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                b.instance(arn("i" + random.nextInt(size + 1)));
            }
            return b.build();
        }
        b.count(1 + random.nextInt(4));
        for (int i = random.nextInt(4); i > 0; i--) {
            String[] s = STRATEGIES[random.nextInt(STRATEGIES.length)].split(" ");
            b.strategy(s[0], s[1]);
        }
        if (random.nextInt(3) == 0) {
            b.constraint("memberOf", MEMBER_OF[random.nextInt(MEMBER_OF.length)]);
        }
        if (random.nextInt(5) == 0) {
            b.constraint("distinctInstance", null);
        }
        if (random.nextInt(8) == 0) {
            b.requiresAttribute(random.nextBoolean() ? RequiredAttribute.named("rack")
                    : RequiredAttribute.of(InstanceState.AVAILABILITY_ZONE, ZONES[random.nextInt(ZONES.length)]));
        }
        if (random.nextInt(5) == 0) {
            b.capacityProvider("cp1");
        }
        if (random.nextInt(6) == 0) {
            b.tcpPort(80);
        }
        if (random.nextInt(8) == 0) {
            b.udpPort(53);
        }
        if (random.nextInt(8) == 0) {
            b.dynamicPorts(1);
        }
        return b.build();
    }

    private static String describe(PlacementResult result) {
        List<String> lines = new ArrayList<>();
        for (PlacementResult.Placement p : result.placements()) {
            PlacementResult.Diagnostics d = result.diagnostics().get(p.taskIndex());
            lines.add(p.taskIndex() + " " + p.instanceArn() + " " + p.scores().stream().map(PlacementResult.Score::value).toList()
                    + " ties " + d.ties() + " ports " + new TreeSet<>(p.tcpPorts()));
        }
        for (PlacementResult.Failure f : result.failures()) {
            PlacementResult.Diagnostics d = result.diagnostics().get(f.taskIndex());
            lines.add(f.taskIndex() + " failed " + f.arn() + " " + f.reason()
                    + (d.candidateSource().equals("listed instance") ? "" : " histogram " + d.rejections()
                    + " examined " + d.candidatesExamined()));
        }
        lines.sort(null);
        return String.join("\n", lines);
    }

    /** The definition: every instance, in ARN order, for every task. */
    private static String reference(ClusterIndex index, PlacementRequest request) {
        Check check = Check.of(request);
        List<Strategy> strategies = request.effectiveStrategies();
        Map<String, InstanceState> working = new TreeMap<>();
        index.instances().forEach(s -> working.put(s.arn(), s));
        List<String> lines = new ArrayList<>();
        String failure = null;
        for (int task = 0; task < request.count(); task++) {
            if (failure != null && request.instances().isEmpty()) {
                lines.add(task + failure);
                continue;
            }
            InstanceState chosen;
            List<Long> scores = List.of();
            int tieCount = 1;
            if (!request.instances().isEmpty()) {
                String listed = request.instances().get(task);
                InstanceState state = working.get(listed);
                Filter rejection = state == null ? Filter.MISSING : Filter.firstRejectionInOrder(state, check);
                if (rejection != null) {
                    lines.add(task + " failed " + listed + " " + rejection.reason());
                    continue;
                }
                chosen = state;
            } else {
                Map<String, Map<String, Long>> perValue = new HashMap<>();
                for (Strategy s : strategies) {
                    if (s instanceof Strategy.Spread spread && !spread.byInstance()) {
                        Map<String, Long> counts = new HashMap<>();
                        working.values().forEach(st -> counts.merge(
                                st.attribute(spread.attribute()).orElse("\u0000"), (long) st.groupCount(check.group()), Long::sum));
                        perValue.put(spread.attribute(), counts);
                    }
                }
                Map<Filter, Integer> histogram = new EnumMap<>(Filter.class);
                InstanceState closest = null;
                Filter closestRejection = null;
                List<InstanceState> ties = new ArrayList<>();
                List<Long> best = null;
                if (strategies.get(0) instanceof Strategy.Random) {
                    // ADR 0078: up to 64 uniform draws over the instances in ARN order, the first feasible one wins
                    // and the random strategy's score is its draw; only when none of them is feasible, the scan below.
                    List<InstanceState> all = new ArrayList<>(working.values());
                    PlacementEngine.Draws draws = PlacementEngine.Draws.of(request.seed(), task);
                    for (int draw = 1; draw <= PlacementEngine.RANDOM_DRAWS && ties.isEmpty(); draw++) {
                        InstanceState state = all.get(draws.below(all.size()));
                        if (Filter.firstRejectionInOrder(state, check) == null) {
                            best = new ArrayList<>(vector(state, request, check, strategies, perValue, task));
                            best.set(0, (long) draw);
                            ties.add(state);
                        }
                    }
                }
                for (InstanceState state : ties.isEmpty() ? working.values() : List.<InstanceState>of()) {
                    Filter rejection = Filter.firstRejectionInOrder(state, check);
                    if (rejection != null) {
                        histogram.merge(rejection, 1, Integer::sum);
                        if (closestRejection == null || rejection.compareTo(closestRejection) > 0) {
                            closest = state;
                            closestRejection = rejection;
                        }
                        continue;
                    }
                    List<Long> vector = vector(state, request, check, strategies, perValue, task);
                    int cmp = best == null ? -1 : compare(vector, best);
                    if (cmp < 0) {
                        best = vector;
                        ties.clear();
                    }
                    if (cmp <= 0) {
                        ties.add(state);
                    }
                }
                if (ties.isEmpty()) {
                    failure = " failed " + closest.arn() + " " + closestRejection.reason() + " histogram " + histogram
                            + " examined " + working.size();
                    lines.add(task + failure);
                    continue;
                }
                chosen = ties.get((int) Math.floorMod(PlacementEngine.mix(request.seed() ^ PlacementEngine.mix(task + 1L)),
                        (long) ties.size()));
                scores = best;
                tieCount = ties.size();
            }
            Set<Integer> tcp = new TreeSet<>(request.tcpPorts());
            int dynamic = 0;
            for (int port = InstanceState.EPHEMERAL_FIRST; dynamic < request.dynamicPorts(); port++) {
                if (!chosen.reservedTcpPorts().contains(port) && tcp.add(port)) {
                    dynamic++;
                }
            }
            lines.add(task + " " + chosen.arn() + " " + scores + " ties " + tieCount + " ports " + tcp);
            working.put(chosen.arn(), chosen.withTask(new TaskPlacement("pending-" + task, chosen.arn(),
                    Optional.of(check.group()), request.cpu(), request.memory(), tcp, request.udpPorts())));
        }
        lines.sort(null);
        return String.join("\n", lines);
    }

    private static List<Long> vector(InstanceState state, PlacementRequest request, Check check,
            List<Strategy> strategies, Map<String, Map<String, Long>> perValue, int task) {
        List<Long> vector = new ArrayList<>();
        for (Strategy s : strategies) {
            if (s instanceof Strategy.Binpack binpack) {
                vector.add((long) (binpack.resource() == Strategy.Resource.CPU
                        ? state.remainingCpu() - request.cpu() : state.remainingMemory() - request.memory()));
            } else if (s instanceof Strategy.Spread spread) {
                vector.add(spread.byInstance() ? state.groupCount(check.group())
                        : perValue.get(spread.attribute()).get(state.attribute(spread.attribute()).orElse("\u0000")));
            } else {
                vector.add(PlacementEngine.mix(request.seed() + GOLDEN * (task + 1) + state.arn().hashCode()));
            }
        }
        return vector;
    }

    private static int compare(List<Long> a, List<Long> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
