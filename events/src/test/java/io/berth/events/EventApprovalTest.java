package io.berth.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the JSON of every event and the published contract in {@code docs/events.md}. After an
 * intended change, run {@code ./mvnw -pl events test -Dberth.approve=true} and review the diff of
 * the approval files and the docs in the commit.
 */
class EventApprovalTest {

    private static final boolean APPROVE = Boolean.getBoolean("berth.approve");
    private static final Path APPROVED = Path.of("src/test/resources/approved");
    private static final ObjectWriter PRETTY = EventJson.mapper().writer()
            .with(SerializationFeature.INDENT_OUTPUT);

    static Stream<Class<? extends BerthEvent>> everyEventType() {
        return EventTypes.all().stream();
    }

    static String approvedJson(Class<? extends BerthEvent> type) throws IOException {
        BerthEvent example = EventExamples.of(type).orElseThrow(
                () -> new AssertionError("EventExamples has no example of " + type.getName()));
        return PRETTY.writeValueAsString(EventJson.toJson(EventExamples.envelope(example))) + "\n";
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void theJsonOfEveryEventIsPinned(Class<? extends BerthEvent> type) throws IOException {
        Path file = APPROVED.resolve(EventTypes.nameOf(type) + ".json");
        String actual = approvedJson(type);
        if (APPROVE) {
            Files.createDirectories(APPROVED);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("approval file of %s (approve with -Dberth.approve=true)", type.getSimpleName())
                .exists();
        assertThat(Files.readString(file)).as("JSON of %s", EventTypes.nameOf(type)).isEqualTo(actual);
    }

    @Test
    void everyApprovalFileBelongsToAnEventThatStillExists() throws IOException {
        try (Stream<Path> files = Files.list(APPROVED)) {
            assertThat(files.map(f -> f.getFileName().toString().replace(".json", "")))
                    .allSatisfy(name -> assertThat(EventTypes.classOf(name)).isNotNull());
        }
    }

    @Test
    void docsEventsMdIsInStepWithTheApprovedJson() throws IOException {
        Path docs = Path.of(System.getProperty("berth.repo.root", "..")).resolve("docs/events.md");
        String expected = EventsDoc.render(EventApprovalTest::approvedJson);
        if (APPROVE) {
            Files.createDirectories(docs.getParent());
            Files.writeString(docs, expected, StandardCharsets.UTF_8);
        }
        assertThat(docs).as("docs/events.md (regenerate with -Dberth.approve=true)").exists();
        assertThat(Files.readString(docs)).isEqualTo(expected);
    }
}
