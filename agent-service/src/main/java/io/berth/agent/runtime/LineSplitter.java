package io.berth.agent.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into lines at {@code \n} (a {@code \r} before it is dropped), keeping a partial last line until
 * the rest of it arrives or the stream ends. Lines are decoded as UTF-8 only once whole, so a character split across
 * two reads stays whole. Not thread-safe: one per stream.
 */
final class LineSplitter {

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final Consumer<String> lines;

    LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    void accept(byte[] bytes, int offset, int length) {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                partial.write(bytes, start, i - start);
                emit();
                start = i + 1;
            }
        }
        partial.write(bytes, start, offset + length - start);
    }

    /** The stream ended: a partial last line is a line too. */
    void end() {
        if (partial.size() > 0) {
            emit();
        }
    }

    private void emit() {
        byte[] line = partial.toByteArray();
        partial.reset();
        int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        lines.accept(new String(line, 0, length, StandardCharsets.UTF_8));
    }
}
