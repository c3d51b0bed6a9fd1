package io.berth.cql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random expressions against seeded random instances: the parsed query agrees with a
 * reference evaluation of its tree (so precedence and both connective spellings are read right),
 * {@code not(e)} is the complement of {@code e}, and {@code and}/{@code or} are the boolean
 * combinations of their operands.
 */
class ClusterQueryPropertiesTest {

    private static final int TARGETS_PER_SEED = 40;

    private static final List<String> PREDICATES = List.of(
            "agentConnected == true",
            "agentConnected in [false]",
            "agentVersion < 1.14.5",
            "agentVersion >= 2.0.0-rc.1",
            "agentVersion != 1.14.5",
            "attribute:ecs.instance-type == t2.small",
            "attribute:ecs.instance-type != t2.small",
            "attribute:ecs.instance-type =~ g2.*",
            "attribute:ecs.instance-type !~ t2.*",
            "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
            "attribute:ecs.availability-zone not_in ['us-east-1d']",
            "attribute:ecs.availability-zone exists",
            "attribute:disk > 9",
            "attribute:disk not_exists",
            "ec2InstanceId == i-abcd1234",
            "ec2InstanceId !in [i-abcd1234]",
            "registeredAt < 2018-02-13",
            "registeredAt >= 2018-06-18T22:28:28Z",
            "runningTasksCount == 1",
            "runningTasksCount > 2",
            "task:group == service:web",
            "task:group != database",
            "task:group in [database, family:batch]",
            "task:group =~ service:.*",
            "task:group exists");

    private static final Map<String, ClusterQuery> LEAVES = new HashMap<>();

    static {
        PREDICATES.forEach(p -> LEAVES.put(p, ClusterQuery.parse(p)));
    }

    /** A reference expression tree, evaluated by plain Java booleans over the leaves' results. */
    private interface Tree {
        boolean eval(QueryTarget target);
    }

    private record Leaf(String predicate) implements Tree {
        @Override
        public boolean eval(QueryTarget target) {
            return LEAVES.get(predicate).matches(target);
        }
    }

    private record Not(Tree operand) implements Tree {
        @Override
        public boolean eval(QueryTarget target) {
            return !operand.eval(target);
        }
    }

    private record And(Tree left, Tree right) implements Tree {
        @Override
        public boolean eval(QueryTarget target) {
            return left.eval(target) && right.eval(target);
        }
    }

    private record Or(Tree left, Tree right) implements Tree {
        @Override
        public boolean eval(QueryTarget target) {
            return left.eval(target) || right.eval(target);
        }
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aParsedQueryAgreesWithItsTreeAndItsNegationAndCombinations(long seed) {
        Random random = new Random(seed);
        Tree first = tree(random, 3);
        Tree second = tree(random, 3);
        String e1 = render(first, random, 0);
        String e2 = render(second, random, 0);
        ClusterQuery q1 = ClusterQuery.parse(e1);
        ClusterQuery q2 = ClusterQuery.parse(e2);
        ClusterQuery not = ClusterQuery.parse("not(" + e1 + ")");
        ClusterQuery bang = ClusterQuery.parse("!(" + e1 + ")");
        ClusterQuery and = ClusterQuery.parse("(" + e1 + ") and (" + e2 + ")");
        ClusterQuery or = ClusterQuery.parse("(" + e1 + ")||(" + e2 + ")");

        for (int i = 0; i < TARGETS_PER_SEED; i++) {
            TestTarget target = target(random);
            boolean m1 = q1.matches(target);
            boolean m2 = q2.matches(target);
            assertThat(m1).as("%s on %s", e1, target).isEqualTo(first.eval(target));
            assertThat(m2).as("%s on %s", e2, target).isEqualTo(second.eval(target));
            assertThat(not.matches(target)).as("not(%s) on %s", e1, target).isEqualTo(!m1);
            assertThat(bang.matches(target)).as("!(%s) on %s", e1, target).isEqualTo(!m1);
            assertThat(and.matches(target)).as("%s and %s on %s", e1, e2, target).isEqualTo(m1 && m2);
            assertThat(or.matches(target)).as("%s or %s on %s", e1, e2, target).isEqualTo(m1 || m2);
        }
    }

    private static Tree tree(Random random, int depth) {
        int kind = depth == 0 ? 0 : random.nextInt(4);
        return switch (kind) {
            case 1 -> new Not(tree(random, depth - 1));
            case 2 -> new And(tree(random, depth - 1), tree(random, depth - 1));
            case 3 -> new Or(tree(random, depth - 1), tree(random, depth - 1));
            default -> new Leaf(PREDICATES.get(random.nextInt(PREDICATES.size())));
        };
    }

    /**
     * Renders with only the parentheses precedence requires (plus some redundant ones), in random
     * spellings: {@code and}/{@code &&}, {@code or}/{@code ||}, {@code not}/{@code !}.
     * {@code binding} is how tightly the context binds: 0 top or or-operand, 1 and-operand, 2 not-operand.
     */
    private static String render(Tree tree, Random random, int binding) {
        String text;
        int own;
        if (tree instanceof Leaf leaf) {
            text = leaf.predicate();
            own = 3;
        } else if (tree instanceof Not not) {
            text = (random.nextBoolean() ? "not " : "!") + render(not.operand(), random, 2);
            own = 2;
        } else if (tree instanceof And and) {
            text = render(and.left(), random, 1) + pick(random, " and ", " && ", "&&")
                    + render(and.right(), random, 2);
            own = 1;
        } else {
            Or or = (Or) tree;
            text = render(or.left(), random, 0) + pick(random, " or ", " || ", "||")
                    + render(or.right(), random, 1);
            own = 0;
        }
        return own < binding || random.nextInt(8) == 0 ? "(" + text + ")" : text;
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static TestTarget target(Random random) {
        Map<String, String> attributes = new HashMap<>();
        put(attributes, "ecs.instance-type", pickOrNull(random, "t2.small", "g2.2xlarge", "m5.large"));
        put(attributes, "ecs.availability-zone", pickOrNull(random, "us-east-1a", "us-east-1b", "us-east-1d"));
        put(attributes, "disk", pickOrNull(random, "9", "10", "abc"));
        List<String> groups = new ArrayList<>();
        for (String group : List.of("service:web", "service:production", "family:batch", "database")) {
            if (random.nextInt(3) == 0) {
                groups.add(group);
            }
        }
        return new TestTarget(
                random.nextBoolean(),
                Optional.ofNullable(pickOrNull(random, "1.14.5", "1.9.0", "2.0.0-rc.1", "dev")),
                attributes,
                Optional.ofNullable(pickOrNull(random, "i-abcd1234", "i-0")),
                Instant.parse(pick(random, "2018-02-12T23:59:59Z", "2018-02-13T00:00:00Z",
                        "2018-06-18T22:28:28Z", "2019-01-01T00:00:00Z")),
                random.nextInt(4),
                Set.copyOf(groups));
    }

    private static String pickOrNull(Random random, String... choices) {
        int i = random.nextInt(choices.length + 1);
        return i == choices.length ? null : choices[i];
    }

    private static void put(Map<String, String> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }
}
