package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ecs.EcsErrors;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task-level {@code cpu} and {@code memory}: ECS accepts units or "1 vCPU", MiB or "1 GB", and stores
 * the integer; DescribeTaskDefinition then shows it as a string ({@code "1024"}).
 */
final class TaskSize {

    static final int MIN_CPU = 128;
    static final int MAX_CPU = 196_608;
    /** Docker refuses smaller containers, so a smaller task could run nothing. */
    static final int MIN_MEMORY = 6;

    private static final BigDecimal MIB_PER_GB = BigDecimal.valueOf(1024);
    private static final BigDecimal UNITS_PER_VCPU = BigDecimal.valueOf(1024);
    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([A-Za-z]*)");

    private TaskSize() {
    }

    /** CPU units, empty when absent; {@code Invalid 'cpu' setting for task.} otherwise. */
    static OptionalInt cpu(JsonNode value) {
        return parse(value, "cpu", "vcpu", UNITS_PER_VCPU, MIN_CPU, MAX_CPU);
    }

    /** MiB, empty when absent; {@code Invalid 'memory' setting for task.} otherwise. */
    static OptionalInt memory(JsonNode value) {
        return parse(value, "memory", "gb", MIB_PER_GB, MIN_MEMORY, Integer.MAX_VALUE);
    }

    private static OptionalInt parse(JsonNode value, String member, String unit, BigDecimal perUnit, int min,
            int max) {
        if (value == null) {
            return OptionalInt.empty();
        }
        BigDecimal amount = value.isTextual()
                ? amount(value.textValue().strip(), unit, perUnit)
                : new BigDecimal(value.bigIntegerValue());
        if (amount == null || amount.signum() < 0 || amount.stripTrailingZeros().scale() > 0
                || amount.compareTo(BigDecimal.valueOf(min)) < 0 || amount.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw EcsErrors.clientException("Invalid '" + member + "' setting for task.");
        }
        return OptionalInt.of(amount.intValueExact());
    }

    /** Plain numbers are whole units (no "1.5"); with the unit word, fractions are fine ("0.25 vCPU"). */
    private static BigDecimal amount(String text, String unit, BigDecimal perUnit) {
        Matcher matcher = AMOUNT.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        String suffix = matcher.group(2).toLowerCase(Locale.ROOT);
        if (suffix.isEmpty()) {
            return matcher.group(1).contains(".") ? null : number;
        }
        return suffix.equals(unit) ? number.multiply(perUnit) : null;
    }
}
