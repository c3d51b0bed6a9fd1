package io.berth.gateway.catalog;

import io.berth.ecs.TaskDefinitionRevision;
import io.berth.events.Topics;
import io.berth.eventstore.AccountsForgotten;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The catalog's task definitions held in memory (issue 21, session 16, ADR 0063 amended): what a
 * RunTask's lookup in {@code gateway_task_definition} answered, by what it looked up (a revision's ARN,
 * or a family's ARN for its latest ACTIVE revision), so that a RunTask's task definition is a map
 * lookup instead of a JDBC read and a parse of the definition's JSON. Unlike a cluster, a lookup of a
 * family depends on every revision of it; so nothing is put from the events: every batch of
 * {@code berth.task-definition.events} drops what is held of each family it delivered (a record's key
 * is its family's ARN), after it commits and before its positions are announced, and the next lookup
 * reads the table. How rows are held, kept right and dropped otherwise is {@link HeldRows}'s: only
 * while this instance is assigned every partition of the topic, and at most {@link #CAPACITY} lookups.
 */
@ApplicationScoped
@Identifier(CatalogTaskDefinitions.NAME)
@Default
public class CatalogTaskDefinitions extends HeldRows<TaskDefinitionRevision> {

    /** The rebalance listener's name, for the {@code task-definition-events} channel's configuration. */
    public static final String NAME = "gateway-task-definition-partitions";
    /** A definition's tree is a few KB to tens of KB of heap; the gateway's heap is 192 MB (ADR 0037). */
    static final int CAPACITY = 256;

    public CatalogTaskDefinitions() {
        super(Topics.TASK_DEFINITION_EVENTS, CAPACITY);
    }

    /**
     * The revision {@code key} names (a revision's ARN, or a family's ARN for its latest ACTIVE one), held
     * or else read with {@code stored}. Its definition is shared: readers copy it before they change it.
     */
    Optional<TaskDefinitionRevision> revision(String key, Supplier<Optional<TaskDefinitionRevision>> stored) {
        return row(key, stored);
    }

    /** A committed batch's families ({@code arn:…:task-definition/<family>}): what is held of each goes. */
    void changed(Set<String> families) {
        if (!families.isEmpty()) {
            drop(key -> families.contains(familyOf(key)));
        }
    }

    /** {@code arn:…:task-definition/<family>} of a family's or a revision's ARN. */
    static String familyOf(String arn) {
        int colon = arn.lastIndexOf(':');
        return colon > arn.indexOf("task-definition/") ? arn.substring(0, colon) : arn;
    }

    void forget(@Observes AccountsForgotten forgotten) {
        forgetAccounts(forgotten);
    }
}
