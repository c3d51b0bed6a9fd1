package io.berth.agent.awslogs;

import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.TaskSpec;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The options of an {@code awslogs} log configuration, as the Docker driver and ECS read them.
 *
 * @param multiline the pattern a line that starts a new event matches ({@code awslogs-multiline-pattern}, or
 *     {@code awslogs-datetime-format} turned into one); null when every line is an event
 * @param blocking {@code mode} {@code blocking}; the default, {@code non-blocking}, drops the oldest lines when more
 *     than {@code maxBufferBytes} wait to be sent
 */
public record AwsLogsOptions(String group, String region, String streamPrefix, String stream, boolean createGroup,
        Pattern multiline, boolean blocking, long maxBufferBytes) {

    public static final String DRIVER = "awslogs";
    /** Docker's default for {@code max-buffer-size} in non-blocking mode, as ECS sets it today. */
    static final long DEFAULT_BUFFER = 10L * 1024 * 1024;

    /** The options of a container that logs through awslogs; empty for any other driver. */
    public static Optional<AwsLogsOptions> of(String driver, Map<String, String> options) {
        if (!DRIVER.equals(driver)) {
            return Optional.empty();
        }
        String pattern = options.get("awslogs-multiline-pattern");
        String datetime = options.get("awslogs-datetime-format");
        Pattern multiline = datetime != null ? Pattern.compile("^" + Strftime.toRegex(datetime))
                : pattern != null ? Pattern.compile(pattern) : null;
        return Optional.of(new AwsLogsOptions(options.get("awslogs-group"), options.get("awslogs-region"),
                options.get("awslogs-stream-prefix"), options.get("awslogs-stream"),
                "true".equalsIgnoreCase(options.get("awslogs-create-group")), multiline,
                "blocking".equals(options.get("mode")), bufferSize(options.get("max-buffer-size"))));
    }

    /**
     * The container's stream: {@code <prefix>/<container name>/<task id>} as ECS names it; else an explicit
     * {@code awslogs-stream}; else, as Docker's driver does, the container's id (for containers no engine runs,
     * {@code <task id>-<container name>} stands for it).
     */
    public String streamName(TaskSpec task, ContainerSpec container, String containerId) {
        if (streamPrefix != null && !streamPrefix.isBlank()) {
            return streamPrefix + "/" + container.name() + "/" + task.taskId();
        }
        if (stream != null && !stream.isBlank()) {
            return stream;
        }
        return containerId != null ? containerId : task.taskId() + "-" + container.name();
    }

    /** {@code max-buffer-size}: a number of bytes with an optional {@code k}, {@code m} or {@code g}. */
    static long bufferSize(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_BUFFER;
        }
        String text = value.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("i?b$", "");
        long unit = switch (text.charAt(text.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        String digits = unit == 1 ? text : text.substring(0, text.length() - 1);
        return Long.parseLong(digits.trim()) * unit;
    }
}
