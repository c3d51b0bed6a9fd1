package io.berth.gateway.stream;

import java.nio.charset.StandardCharsets;

/**
 * Bytes appended at one end and released at the other, in one array reused round and round: once it
 * has grown to what it holds at most, appending copies and allocates nothing (ADR 0075). It grows by
 * doubling, up to {@code limit}, only when what it holds and the new bytes do not fit, so a window that
 * never fills never takes its whole size. Positions are counted from the first byte ever appended; a
 * byte's place in the array is its position modulo the array's length, which growing keeps for every
 * byte held.
 */
final class ByteRing {

    /** The first array's length, unless {@code limit} is smaller: the window of a quiet gateway stays small. */
    static final int FIRST = 64 * 1024;

    private final int limit;
    private byte[] ring = new byte[0];
    /** The position of the oldest byte held. */
    private long head;
    /** The position the next byte is appended at. */
    private long tail;

    ByteRing(int limit) {
        this.limit = limit;
    }

    /** How many bytes it holds. */
    long held() {
        return tail - head;
    }

    /** The array's length: what it can hold without growing. */
    int capacity() {
        return ring.length;
    }

    /** Appends {@code bytes}, returns the position of its first byte. */
    long append(byte[] bytes) {
        fit(bytes.length);
        long at = tail;
        put(at, bytes, 0, bytes.length);
        tail += bytes.length;
        return at;
    }

    /** Appends the characters of {@code ascii}, none above U+007F, each as its byte; returns where it starts. */
    long appendAscii(String ascii) {
        int length = ascii.length();
        fit(length);
        long at = tail;
        for (int i = 0; i < length; i++) {
            ring[(int) ((at + i) % ring.length)] = (byte) ascii.charAt(i);
        }
        tail += length;
        return at;
    }

    /** Releases the oldest {@code length} bytes. */
    void release(int length) {
        if (length > held()) {
            throw new IllegalArgumentException("releases " + length + " bytes of " + held());
        }
        head += length;
    }

    /** A copy of the {@code length} bytes held from {@code at}. */
    byte[] copy(long at, int length) {
        if (at < head || at + length > tail) {
            throw new IllegalArgumentException("bytes " + at + "+" + length + " are not held (" + head + "–" + tail + ")");
        }
        byte[] bytes = new byte[length];
        if (length > 0) {
            int start = (int) (at % ring.length);
            int first = Math.min(length, ring.length - start);
            System.arraycopy(ring, start, bytes, 0, first);
            System.arraycopy(ring, 0, bytes, first, length - first);
        }
        return bytes;
    }

    /** The {@code length} bytes held from {@code at} read as UTF-8. */
    String string(long at, int length) {
        return new String(copy(at, length), StandardCharsets.UTF_8);
    }

    /** Makes room for {@code length} more bytes. */
    private void fit(int length) {
        long needed = held() + length;
        if (needed <= ring.length) {
            return;
        }
        if (needed > limit) {
            throw new IllegalStateException("a ring of at most " + limit + " bytes cannot hold " + needed);
        }
        long doubled = Math.max(FIRST, 2L * ring.length);
        byte[] grown = new byte[(int) Math.min(limit, Math.max(needed, doubled))];
        int held = (int) held();
        if (held > 0) {
            // Each byte keeps its position: copied to its place modulo the new length.
            int start = (int) (head % ring.length);
            int first = Math.min(held, ring.length - start);
            byte[] old = ring;
            ring = grown;
            put(head, old, start, first);
            put(head + first, old, 0, held - first);
        } else {
            ring = grown;
        }
    }

    private void put(long at, byte[] from, int offset, int length) {
        if (length == 0) {
            return;
        }
        int start = (int) (at % ring.length);
        int first = Math.min(length, ring.length - start);
        System.arraycopy(from, offset, ring, start, first);
        System.arraycopy(from, offset + first, ring, 0, length - first);
    }
}
