package io.berth.registry.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the entries of a tar stream (ustar, with PAX and GNU long names), handing each regular
 * file whose path {@code wanted} accepts to {@code visitor} and skipping the rest without keeping it.
 */
final class TarEntries {

    private static final int BLOCK = 512;

    /** Which paths to read, and what to do with them. */
    interface Visitor {
        boolean wanted(String path);

        void file(String path, byte[] content);
    }

    private TarEntries() {
    }

    static void read(InputStream tar, Visitor visitor) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (readFully(tar, header)) {
            if (isZero(header)) {
                return;
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            String path = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
            longName = null;
            if (type == 'x' || type == 'L') {
                byte[] data = readBytes(tar, size);
                longName = type == 'L' ? new String(data, StandardCharsets.UTF_8).replace("\0", "") : paxPath(data);
                skip(tar, padding(size));
                continue;
            }
            boolean regular = type == '0' || type == '\0' || type == '7';
            String normal = normalise(path);
            if (regular && visitor.wanted(normal)) {
                visitor.file(normal, readBytes(tar, size));
                skip(tar, padding(size));
            } else {
                skip(tar, size + padding(size));
            }
        }
    }

    /** {@code ./var/lib/dpkg/status} and {@code /var/lib/dpkg/status} are {@code var/lib/dpkg/status}. */
    static String normalise(String path) {
        String normal = path;
        while (normal.startsWith("./") || normal.startsWith("/")) {
            normal = normal.substring(normal.startsWith("./") ? 2 : 1);
        }
        return normal;
    }

    private static String paxPath(byte[] data) {
        String records = new String(data, StandardCharsets.UTF_8);
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            String entry = space < 0 ? record : record.substring(space + 1);
            if (entry.startsWith("path=")) {
                return entry.substring("path=".length());
            }
        }
        return null;
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) throws IOException {
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = header[i];
            if (b == 0 || b == ' ') {
                if (value > 0) {
                    break;
                }
                continue;
            }
            if (b < '0' || b > '7') {
                throw new IOException("Not a tar stream: a header has no octal size.");
            }
            value = value * 8 + (b - '0');
        }
        return value;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        if (read == 0) {
            return false;
        }
        if (read < buffer.length) {
            throw new IOException("The tar stream ends inside a header.");
        }
        return true;
    }

    private static byte[] readBytes(InputStream in, long size) throws IOException {
        if (size > 64L * 1024 * 1024) {
            throw new IOException("A package database of " + size + " bytes is too large to read.");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new IOException("The tar stream ends inside an entry.");
        }
        return data;
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("The tar stream ends inside an entry.");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
