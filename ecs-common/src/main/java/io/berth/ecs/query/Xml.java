package io.berth.ecs.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small XML element tree for the Query-protocol answers: elements with text or children, written
 * with the escaping XML needs and nothing else (no attributes but the root's namespace).
 */
public final class Xml {

    private final String name;
    private final String namespace;
    private final String text;
    private final List<Xml> children = new ArrayList<>();

    private Xml(String name, String namespace, String text) {
        this.name = name;
        this.namespace = namespace;
        this.text = text;
    }

    public static Xml element(String name) {
        return new Xml(name, null, null);
    }

    static Xml root(String name, String namespace) {
        return new Xml(name, namespace, null);
    }

    /** Adds and returns a child element. */
    public Xml child(String childName) {
        Xml child = element(childName);
        children.add(child);
        return child;
    }

    /** Adds a text child unless {@code value} is null; returns this element. */
    public Xml add(String childName, Object value) {
        if (value != null) {
            children.add(new Xml(childName, null, value instanceof Instant at ? Timestamps.iso(at)
                    : String.valueOf(value)));
        }
        return this;
    }

    /** Adds an existing element as a child; returns this element. */
    public Xml add(Xml child) {
        children.add(child);
        return this;
    }

    /** A list: a child {@code listName} holding one {@code itemName} element per value. */
    public Xml list(String listName, String itemName, List<String> values) {
        Xml list = child(listName);
        values.forEach(value -> list.add(itemName, value));
        return this;
    }

    public String write() {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        write(out);
        return out.toString();
    }

    private void write(StringBuilder out) {
        out.append('<').append(name);
        if (namespace != null) {
            out.append(" xmlns=\"").append(namespace).append('"');
        }
        out.append('>');
        if (text != null) {
            escape(text, out);
        }
        children.forEach(child -> child.write(out));
        out.append("</").append(name).append('>');
    }

    private static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
    }

    /** ISO 8601 with milliseconds in UTC, as the Query APIs write timestamps. */
    static final class Timestamps {

        private Timestamps() {
        }

        static String iso(Instant at) {
            return java.time.format.DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS));
        }
    }
}
