package io.berth.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiDocumentsTest {

    static JsonNode document(String json) throws Exception {
        return EventJson.mapper().readTree(json.replace('\'', '"'));
    }

    @Test
    void ownersPublicPathsAndSchemasJoinTheGatewaysOwn() throws Exception {
        JsonNode gateway = document("{'openapi':'3.1.0','info':{'version':'0.1.0'},'paths':{'/':{'post':{}},"
                + "'/v1/events':{'get':{}},'/v1/{path}':{'get':{}}}}");
        JsonNode agent = document("{'paths':{'/v1/clusters/{cluster}/fleet':{'post':{'summary':'fleet'}},"
                + "'/ecs/RegisterContainerInstance':{'post':{}}},'components':{'schemas':{'Fleet':{'type':'object'}}}}");
        JsonNode scaling = document("{'paths':{'/aas/PutScalingPolicy':{'post':{}},"
                + "'/v1/clusters/{cluster}/fleet':{'post':{'summary':'other'}},"
                + "'/v1/scaling/alarm-notifications':{'post':{}}},'components':{'schemas':{'Fleet':{'type':'string'}}}}");

        ObjectNode merged = OpenApiDocuments.merge(gateway, List.of(agent, scaling));

        assertThat(merged.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(merged.path("paths").fieldNames()).toIterable().containsExactlyInAnyOrder("/", "/v1/events",
                "/v1/clusters/{cluster}/fleet", "/v1/scaling/alarm-notifications");
        assertThat(merged.at("/paths/~1v1~1clusters~1{cluster}~1fleet/post/summary").asText()).isEqualTo("fleet");
        assertThat(merged.at("/components/schemas/Fleet/type").asText()).isEqualTo("object");
    }

    @Test
    void ownersThatDidNotAnswerLeaveTheGatewaysPaths() throws Exception {
        ObjectNode merged = OpenApiDocuments.merge(document("{'paths':{'/v1/events':{'get':{}}}}"), List.of());
        assertThat(merged.path("paths").has("/v1/events")).isTrue();
        assertThat(merged.path("info").path("title").asText()).isEqualTo("Berth REST API");
    }
}
