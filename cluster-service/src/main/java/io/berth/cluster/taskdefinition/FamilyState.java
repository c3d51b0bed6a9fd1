package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Shapes.Tag;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A task definition family: its revisions as DescribeTaskDefinition shows them, and the last
 * revision number ever used (revisions are never reused, even after a delete).
 */
public record FamilyState(String familyArn, String family, int lastRevision, Map<Integer, Revision> revisions) {

    public static final FamilyState NONE = new FamilyState(null, null, 0, Map.of());

    /** {@code definition} includes status, ARN, revision and the registration timestamps. */
    public record Revision(ObjectNode definition, List<Tag> tags) {

        public String status() {
            return definition.path("status").asText();
        }
    }

    FamilyState withRevision(String arn, String name, int number, Revision revision) {
        Map<Integer, Revision> next = new TreeMap<>(revisions);
        next.put(number, revision);
        return new FamilyState(arn, name, Math.max(lastRevision, number), next);
    }
}
