package io.berth.cluster.taskdefinition;

import io.berth.ecs.TaskDefinitionRevision;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A task definition family: its revisions as DescribeTaskDefinition shows them, and the last
 * revision number ever used (revisions are never reused, even after a delete).
 */
public record FamilyState(String familyArn, String family, int lastRevision,
        Map<Integer, TaskDefinitionRevision> revisions) {

    public static final FamilyState NONE = new FamilyState(null, null, 0, Map.of());

    FamilyState withRevision(String arn, String name, int number, TaskDefinitionRevision revision) {
        Map<Integer, TaskDefinitionRevision> next = new TreeMap<>(revisions);
        next.put(number, revision);
        return new FamilyState(arn, name, Math.max(lastRevision, number), next);
    }
}
