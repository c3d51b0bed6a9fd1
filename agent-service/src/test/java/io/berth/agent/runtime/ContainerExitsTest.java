package io.berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reading a container's exit out of the engines' events, as Podman 4.3 and Docker write them. */
class ContainerExitsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ID = "4b58401b9d6ee92e401b952a6a5575787274d7600c43f9e67b898b649aebf38d";

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void podmansDieEventGivesTheContainerAndItsExitCode() throws Exception {
        JsonNode event = json("{'status':'die','id':'" + ID + "','from':'localhost/berth/busybox:latest',"
                + "'Type':'container','Action':'die','Actor':{'ID':'" + ID + "','Attributes':{"
                + "'com.amazonaws.ecs.task-arn':'x1','containerExitCode':'7','exitCode':'7',"
                + "'image':'localhost/berth/busybox:latest','name':'ecs-web-3-app-1','podId':''}},"
                + "'scope':'local','time':1796519501,'timeNano':1796519501059781377}");

        assertThat(ContainerExits.decode(event)).contains(new ContainerExits.Died(ID, 7));
    }

    @Test
    void dockersDieEventGivesTheContainerAndItsExitCode() throws Exception {
        JsonNode event = json("{'status':'die','id':'" + ID + "','from':'busybox','Type':'container','Action':'die',"
                + "'Actor':{'ID':'" + ID + "','Attributes':{'exitCode':'137','image':'busybox','name':'app'}},"
                + "'scope':'local','time':1796519501,'timeNano':1796519501059781377}");

        assertThat(ContainerExits.decode(event)).contains(new ContainerExits.Died(ID, 137));
    }

    @Test
    void aDieEventWithoutAnExitCodeLeavesItToTheInspection() throws Exception {
        JsonNode event = json("{'Type':'container','Action':'die','Actor':{'ID':'" + ID + "','Attributes':{}}}");

        assertThat(ContainerExits.decode(event)).contains(new ContainerExits.Died(ID, null));
    }

    @Test
    void theOlderFormWithOnlyStatusAndIdIsReadToo() throws Exception {
        JsonNode event = json("{'status':'die','id':'" + ID + "','type':'container'}");

        assertThat(ContainerExits.decode(event)).contains(new ContainerExits.Died(ID, null));
    }

    @Test
    void otherEventsAreNotExits() throws Exception {
        assertThat(ContainerExits.decode(json("{'Type':'container','Action':'start','Actor':{'ID':'" + ID + "'}}")))
                .isEmpty();
        assertThat(ContainerExits.decode(json("{'Type':'image','Action':'die','Actor':{'ID':'sha256:1'}}")))
                .isEmpty();
        assertThat(ContainerExits.decode(json("{'Type':'container','Action':'die','Actor':{}}"))).isEmpty();
        assertThat(ContainerExits.decode(json("{}"))).isEmpty();
    }

    @Test
    void theFiltersAskForContainersDieUnderBothNamesEnginesKnowItBy() {
        JsonNode filters = JSON.valueToTree(ContainerExits.FILTERS);

        assertThat(filters.path("type")).containsExactly(JSON.getNodeFactory().textNode("container"));
        assertThat(filters.path("event")).containsExactlyInAnyOrder(JSON.getNodeFactory().textNode("die"),
                JSON.getNodeFactory().textNode("died"));
        assertThat(filters.size()).isEqualTo(2);
    }

    @Test
    void sinceIsEpochSecondsWithNineDecimals() {
        assertThat(ContainerExits.since(Instant.ofEpochSecond(1796519500, 860837))).isEqualTo("1796519500.000860837");
    }
}
