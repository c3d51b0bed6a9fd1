package io.berth.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/api.md lists every ECS and Application Auto Scaling operation exactly once, with the status the routing table gives it. */
class EcsApiCoverageTest {

    private static final Pattern ROW = Pattern.compile("^\\| ([A-Za-z]+) \\| (implemented|partial|not yet) \\|",
            Pattern.MULTILINE);

    @Test
    void theCoveragePageMatchesTheRoutingTable() throws IOException {
        String page = Files.readString(Path.of(System.getProperty("berth.repo.root", "..")).resolve("docs/api.md"));
        String ecs = page.substring(page.indexOf("## ECS"), page.indexOf("## Application Auto Scaling"));
        Map<String, String> statuses = new LinkedHashMap<>();
        Matcher row = ROW.matcher(ecs);
        while (row.find()) {
            assertThat(statuses.put(row.group(1), row.group(2))).as("%s listed twice", row.group(1)).isNull();
        }
        assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(EcsOperations.all());
        assertThat(EcsOperations.all()).hasSize(77);
        statuses.forEach((operation, status) -> {
            boolean served = EcsOperations.ownerOf(operation).isPresent() || EcsOperations.TAGGING.contains(operation);
            assertThat(!status.equals("not yet")).as("status of %s", operation).isEqualTo(served);
        });
    }

    @Test
    void theAutoScalingTableMatchesTheScalingOperations() throws IOException {
        String page = Files.readString(Path.of(System.getProperty("berth.repo.root", "..")).resolve("docs/api.md"));
        String aas = page.substring(page.indexOf("## Application Auto Scaling"));
        Map<String, String> statuses = new LinkedHashMap<>();
        Matcher row = ROW.matcher(aas);
        while (row.find()) {
            assertThat(statuses.put(row.group(1), row.group(2))).as("%s listed twice", row.group(1)).isNull();
        }
        assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(AasOperations.all());
        assertThat(AasOperations.all()).hasSize(14);
        statuses.forEach((operation, status) -> assertThat(!status.equals("not yet")).as("status of %s", operation)
                .isEqualTo(AasOperations.implemented(operation)));
    }
}
