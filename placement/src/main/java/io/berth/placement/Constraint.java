package io.berth.placement;

import io.berth.cql.ClusterQuery;
import io.berth.ecs.EcsErrors;

/** An ECS placement constraint ({@code placementConstraints[]} item); constraints are binding. */
public sealed interface Constraint permits Constraint.MemberOf, Constraint.DistinctInstance {

    int MAX_EXPRESSION_LENGTH = 2000;

    /** {@code memberOf}: only instances the cluster query matches. */
    record MemberOf(ClusterQuery query) implements Constraint {
    }

    /** {@code distinctInstance}: only instances that run no task of the same group. */
    record DistinctInstance() implements Constraint {
    }

    static Constraint memberOf(String expression) {
        return of("memberOf", expression);
    }

    static Constraint distinctInstance() {
        return new DistinctInstance();
    }

    /**
     * Parses one {@code {type, expression}} item as the API gives it.
     *
     * @throws io.berth.ecs.EcsException InvalidParameterException for an unknown type, an expression
     *     on distinctInstance, or a missing, too long or unparsable memberOf expression (the cluster
     *     query language's own error)
     */
    static Constraint of(String type, String expression) {
        if ("distinctInstance".equals(type)) {
            if (expression != null && !expression.isEmpty()) {
                throw EcsErrors.invalidParameter("Expression is not allowed for distinctInstance placement constraint.");
            }
            return distinctInstance();
        }
        if ("memberOf".equals(type)) {
            if (expression == null || expression.isBlank()) {
                throw EcsErrors.invalidParameter("Expression is required for memberOf placement constraint.");
            }
            if (expression.length() > MAX_EXPRESSION_LENGTH) {
                throw EcsErrors.invalidParameter(
                        "Placement constraint expression can not be longer than " + MAX_EXPRESSION_LENGTH + " characters.");
            }
            return new MemberOf(ClusterQuery.parse(expression));
        }
        throw EcsErrors.invalidParameter(
                "Invalid placement constraint type '" + type + "'. Valid values are memberOf and distinctInstance.");
    }
}
