package io.berth.cql;

import java.util.Objects;

/**
 * A parsed ECS cluster query ({@code memberOf} constraints, the {@code filter} of
 * {@code ListContainerInstances}). Parse once, then evaluate against as many instances as needed:
 * {@link #matches} only compares, because every literal was converted and every regular
 * expression compiled by {@link #parse}. Instances are immutable and safe to share between threads.
 *
 * <p>Semantics (the choices ECS's documentation leaves open):
 * <ul>
 *   <li><b>Precedence</b>: {@code not}/{@code !} binds tighter than {@code and}/{@code &&}, which
 *       binds tighter than {@code or}/{@code ||}; parentheses override. Keywords, subjects and word
 *       operators are case-sensitive.</li>
 *   <li><b>Absent values</b> ({@code attribute:<name>}, {@code agentVersion}, {@code ec2InstanceId}):
 *       every comparison is false, the negative ones ({@code !=}, {@code not_in}, {@code !~})
 *       included; only {@code not_exists} holds. So {@code attribute:x != y} means "has x and it is
 *       not y", while {@code not(attribute:x == y)} also holds when x is absent — the two differ
 *       exactly for instances without the attribute.</li>
 *   <li><b>Strings</b> compare exactly (case-sensitive). {@code >}, {@code >=}, {@code <},
 *       {@code <=} on an attribute compare numerically when both sides are decimal numbers, else
 *       lexicographically.</li>
 *   <li><b>Regular expressions</b> ({@code =~}, {@code !~}) are {@link java.util.regex.Pattern}s
 *       matched against the whole value: {@code g2.*} matches {@code g2.2xlarge}, {@code 2x} does
 *       not.</li>
 *   <li><b>agentConnected</b> takes {@code true}/{@code false} (any case); {@code =~} matches the
 *       regular expression against {@code true} or {@code false}.</li>
 *   <li><b>agentVersion</b> compares semantic versions: {@code 1.9.0 < 1.14.5}, {@code 1.14 ==
 *       1.14.0}, {@code 1.0.0-rc.1 < 1.0.0}, build metadata ignored. A reported version that is
 *       not a semantic version is treated as absent.</li>
 *   <li><b>registeredAt</b> accepts {@code 2018-06-18T22:28:28+00:00}, {@code 2018-06-18T22:28:28Z},
 *       {@code 2018-06-18T22:28:28} (UTC) and {@code 2018-06-18} (a UTC day). The registration
 *       time is truncated to the literal's precision before comparing, so {@code == 2018-06-18}
 *       means "during that day", {@code < 2018-06-18} "before it" and {@code > 2018-06-18}
 *       "after it".</li>
 *   <li><b>runningTasksCount</b> compares integers.</li>
 *   <li><b>task:group</b> is the set of groups of the instance's tasks: {@code ==} holds when at
 *       least one task is in the group, {@code !=} when none is, {@code in} when any group is in
 *       the list, {@code not_in} when none is, {@code =~} when any group matches, {@code !~} when
 *       none does, {@code exists} when the instance runs any task, {@code not_exists} when none.</li>
 * </ul>
 *
 * <p>An operator a subject does not allow (ECS's table: e.g. {@code >} on {@code ec2InstanceId},
 * {@code in} on {@code agentVersion}) is rejected by {@link #parse}, as is any literal the subject
 * cannot read.
 */
public final class ClusterQuery {

    private final String expression;
    private final Expr root;

    private ClusterQuery(String expression, Expr root) {
        this.expression = expression;
        this.root = root;
    }

    /**
     * Parses and compiles a query of at most 2,000 characters.
     *
     * @throws io.berth.ecs.EcsException {@code InvalidParameterException} whose message gives the
     *     1-based character position of the problem and what was expected there, e.g.
     *     {@code Invalid cluster query at position 28: expected an operator after
     *     'attribute:ecs.instance-type'.} A position one past the last character means the
     *     expression ended too early.
     */
    public static ClusterQuery parse(String expression) {
        return new ClusterQuery(expression, Parser.parse(expression));
    }

    public boolean matches(QueryTarget target) {
        return root.matches(Objects.requireNonNull(target, "target"));
    }

    /** The expression exactly as given to {@link #parse}. */
    public String expression() {
        return expression;
    }

    /** How the expression was read: fully parenthesised, operators in symbol form. */
    String canonical() {
        return root.canonical();
    }

    @Override
    public String toString() {
        return expression;
    }
}
