package io.berth.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The characters a request may carry in its strings and member names. Control characters other
 * than tab, line feed and carriage return, and halves of surrogate pairs, are refused wherever they
 * appear: PostgreSQL cannot store U+0000 at all, and no ECS or Application Auto Scaling name,
 * identifier or text needs the others. Tab and line breaks stay legal, because commands,
 * environment values and identity documents carry them. Checked once, at the gateway, so that no
 * owner ever sees such a string (ADR 0024).
 */
public final class RequestText {

    /** Where a request carries a character it may not: the member's path and the character. */
    public record Violation(String member, int character) {

        public String message() {
            return "Member '" + member + "' contains the character " + String.format("U+%04X", character)
                    + "; request strings can not contain control characters other than tab, line feed and"
                    + " carriage return, nor unpaired surrogates.";
        }
    }

    private RequestText() {
    }

    /** The first string or member name of {@code body} that holds a refused character, depth first. */
    public static Optional<Violation> firstViolation(JsonNode body) {
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("", body));
        while (!pending.isEmpty()) {
            Map.Entry<String, JsonNode> next = pending.pop();
            String path = next.getKey();
            JsonNode node = next.getValue();
            if (node.isTextual()) {
                int refused = firstRefused(node.textValue());
                if (refused >= 0) {
                    return Optional.of(new Violation(path, refused));
                }
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    pending.push(Map.entry(path + "[" + i + "]", node.get(i)));
                }
            } else if (node.isObject()) {
                Deque<Map.Entry<String, JsonNode>> members = new ArrayDeque<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = it.next();
                    String memberPath = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
                    int refused = firstRefused(member.getKey());
                    if (refused >= 0) {
                        return Optional.of(new Violation(escaped(memberPath), refused));
                    }
                    members.push(Map.entry(memberPath, member.getValue()));
                }
                members.forEach(pending::push);
            }
        }
        return Optional.empty();
    }

    /** A refused character in one string that is not part of a JSON body (a path segment, a query parameter). */
    public static Optional<Violation> firstViolation(String member, String text) {
        int refused = text == null ? -1 : firstRefused(text);
        return refused < 0 ? Optional.empty() : Optional.of(new Violation(escaped(member), refused));
    }

    /** {@code text} with its refused characters written as {@code \\uXXXX}, so that a message can quote it. */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (isRefused(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** The first refused character of {@code text} as a code point, or -1 if there is none. */
    static int firstRefused(String text) {
        return text.codePoints().filter(RequestText::isRefused).findFirst().orElse(-1);
    }

    /** A lone surrogate comes out of {@link String#codePoints()} as itself; a pair as one code point. */
    private static boolean isRefused(int c) {
        return c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE
                || Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r';
    }
}
