package io.berth.cql;

import static io.berth.cql.Operator.EQUALS;
import static io.berth.cql.Operator.EXISTS;
import static io.berth.cql.Operator.GREATER_THAN;
import static io.berth.cql.Operator.GREATER_THAN_EQUAL;
import static io.berth.cql.Operator.IN;
import static io.berth.cql.Operator.LESS_THAN;
import static io.berth.cql.Operator.LESS_THAN_EQUAL;
import static io.berth.cql.Operator.MATCHES;
import static io.berth.cql.Operator.NOT_EQUALS;
import static io.berth.cql.Operator.NOT_EXISTS;
import static io.berth.cql.Operator.NOT_IN;
import static io.berth.cql.Operator.NOT_MATCHES;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The subjects of the cluster query language with the operators each allows (ECS's table). */
enum Subject {
    AGENT_CONNECTED("agentConnected", EnumSet.of(EQUALS, NOT_EQUALS, IN, NOT_IN, MATCHES, NOT_MATCHES)),
    AGENT_VERSION("agentVersion", Ordering.OPERATORS),
    ATTRIBUTE("attribute:<name>", EnumSet.allOf(Operator.class)),
    EC2_INSTANCE_ID("ec2InstanceId", EnumSet.of(EQUALS, NOT_EQUALS, IN, NOT_IN, MATCHES, NOT_MATCHES)),
    REGISTERED_AT("registeredAt", Ordering.OPERATORS),
    RUNNING_TASKS_COUNT("runningTasksCount", Ordering.OPERATORS),
    TASK_GROUP("task:group",
            EnumSet.of(EQUALS, NOT_EQUALS, IN, NOT_IN, MATCHES, NOT_MATCHES, EXISTS, NOT_EXISTS));

    static final String ATTRIBUTE_PREFIX = "attribute:";

    private final String name;
    private final Set<Operator> allowed;

    Subject(String name, Set<Operator> allowed) {
        this.name = name;
        this.allowed = allowed;
    }

    /** The subject a word names, or {@code null}; {@code attribute:} alone still names ATTRIBUTE. */
    static Subject fromWord(String word) {
        if (word.startsWith(ATTRIBUTE_PREFIX)) {
            return ATTRIBUTE;
        }
        for (Subject subject : values()) {
            if (subject != ATTRIBUTE && subject.name.equals(word)) {
                return subject;
            }
        }
        return null;
    }

    boolean allows(Operator operator) {
        return allowed.contains(operator);
    }

    /** The allowed operators in declaration order, for error messages. */
    String allowedList() {
        return allowed.stream().map(Operator::canonical).collect(Collectors.joining(", "));
    }

    private static final class Ordering {
        static final Set<Operator> OPERATORS = EnumSet.of(
                EQUALS, NOT_EQUALS, GREATER_THAN, GREATER_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL);
    }
}
