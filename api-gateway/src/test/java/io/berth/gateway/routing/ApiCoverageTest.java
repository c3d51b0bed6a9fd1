package io.berth.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api.md lists every operation of every API face exactly once, in the face's own section
 * ({@code ## <title>}), with the status its routing table gives it.
 */
class ApiCoverageTest {

    private static final Pattern ROW = Pattern.compile("^\\| ([A-Za-z]+) \\| (implemented|partial|not yet) \\|",
            Pattern.MULTILINE);
    private static final Map<String, Integer> MODEL_SIZES = Map.of("ECS", 77, "Application Auto Scaling", 14,
            "ECR", 58, "CloudWatch Logs", 115);

    static Iterable<ApiFace> faces() {
        return ApiFaces.ALL;
    }

    static Iterable<QueryFaces.QueryFace> queryFaces() {
        return java.util.List.of(QueryFaces.AUTO_SCALING, QueryFaces.EC2);
    }

    @ParameterizedTest
    @MethodSource("faces")
    void theCoveragePageMatchesTheRoutingTable(ApiFace face) throws IOException {
        Map<String, String> statuses = statuses(face.title());
        assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(face.operations());
        assertThat(face.operations()).hasSize(MODEL_SIZES.get(face.title()));
        statuses.forEach((operation, status) -> {
            boolean served = face.implemented(operation)
                    || face == EcsOperations.FACE && EcsOperations.TAGGING.contains(operation);
            assertThat(!status.equals("not yet")).as("status of %s", operation).isEqualTo(served);
        });
    }

    /** The Query APIs' sections list every action Berth answers, and only those, as implemented or partial. */
    @ParameterizedTest
    @MethodSource("queryFaces")
    void theQueryFacesSectionsMatchTheirActions(QueryFaces.QueryFace face) throws IOException {
        Map<String, String> statuses = statuses(face.title());
        assertThat(statuses.entrySet().stream().filter(e -> !e.getValue().equals("not yet")).map(Map.Entry::getKey))
                .containsExactlyInAnyOrderElementsOf(face.actions());
    }

    private static Map<String, String> statuses(String title) throws IOException {
        String page = Files.readString(Path.of(System.getProperty("berth.repo.root", "..")).resolve("docs/api.md"));
        int start = page.indexOf("\n## " + title + "\n");
        assertThat(start).as("docs/api.md has a section '## %s'", title).isNotNegative();
        int end = page.indexOf("\n## ", start + 1);
        String section = page.substring(start, end < 0 ? page.length() : end);
        Map<String, String> statuses = new LinkedHashMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            assertThat(statuses.put(row.group(1), row.group(2))).as("%s listed twice", row.group(1)).isNull();
        }
        return statuses;
    }
}
