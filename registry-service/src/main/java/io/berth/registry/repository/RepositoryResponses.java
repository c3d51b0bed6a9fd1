package io.berth.registry.repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.ecs.Timestamps;
import io.berth.events.EventJson;

/** The ECR shapes of a repository and of the answers that echo one. */
public final class RepositoryResponses {

    private RepositoryResponses() {
    }

    public static ObjectNode repository(RepositoryState state) {
        Caller caller = RepositoryNames.parseArn(state.repositoryArn()).orElseThrow().caller();
        ObjectNode repository = EventJson.mapper().createObjectNode();
        repository.put("repositoryArn", state.repositoryArn());
        repository.put("registryId", state.registryId());
        repository.put("repositoryName", state.repositoryName());
        repository.put("repositoryUri", RepositoryNames.uri(caller, state.repositoryName()));
        repository.put("createdAt", Timestamps.epochSeconds(state.createdAt()));
        repository.put("imageTagMutability", state.imageTagMutability());
        if (!state.imageTagMutabilityExclusionFilters().isEmpty()) {
            repository.set("imageTagMutabilityExclusionFilters", filters(state));
        }
        repository.putObject("imageScanningConfiguration").put("scanOnPush", state.scanOnPush());
        ObjectNode encryption = repository.putObject("encryptionConfiguration");
        encryption.put("encryptionType", state.encryptionType());
        if (state.kmsKey() != null) {
            encryption.put("kmsKey", state.kmsKey());
        }
        return repository;
    }

    public static ArrayNode filters(RepositoryState state) {
        ArrayNode filters = EventJson.mapper().createArrayNode();
        state.imageTagMutabilityExclusionFilters().forEach(filter -> filters.addObject()
                .put("filterType", filter.filterType()).put("filter", filter.filter()));
        return filters;
    }

    /** {@code registryId} and {@code repositoryName}: how most ECR answers about a repository start. */
    public static ObjectNode named(RepositoryState state) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.put("registryId", state.registryId());
        response.put("repositoryName", state.repositoryName());
        return response;
    }
}
