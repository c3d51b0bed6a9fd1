package io.berth.gateway.stream;

import io.berth.events.EventJson;
import io.berth.events.EventJson.MalformedEventException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The live stream's window: the newest {@code events} events read and at most {@code bytes} of their
 * records' bytes (ADR 0054), the newest event kept whatever its size. The records' bytes are copied
 * into a ring allocated once (and grown, until full, by doubling) and what the window reads of an
 * event unparsed (its type, key and event id) is held in arrays of {@code events} slots, so that
 * appending an event keeps nothing the append allocated (ADR 0075). When each event's bytes were an
 * object of their own, they outlived a few young collections (about 6 s at scenario 1's 80 RunTask/s),
 * were promoted and died in the old generation, which the gateway then collected fully every 1.3 s.
 *
 * <p>An event is read back (its key, its bytes) only by a client that resumes, into new objects that
 * live as long as its request. Events are numbered from 0, the oldest held. Not thread-safe: the feed
 * guards it.
 */
final class EventWindow {

    /** The largest array the JVM allocates: a window holds no more bytes than that. */
    static final int MAX_BYTES = Integer.MAX_VALUE - 8;
    /** How many type names are kept once each; a producer that made up more would not bound the map. */
    private static final int MAX_TYPE_NAMES = 1024;
    /** How every envelope is written ({@code EventJson}): its id first, so that it is read without parsing. */
    private static final byte[] ID_PREFIX = "{\"eventId\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int UUID_LENGTH = 36;
    private static final int NO_KEY = -1;
    /** Where an event's bytes are when they did not fit the ring: in {@link #oversized}. */
    private static final long OUTSIDE = -1;

    private final int capacity;
    private final int maxBytes;
    private final ByteRing values;
    private final ByteRing keys;
    private final long[] valueAt;
    private final int[] valueLength;
    private final long[] keyAt;
    private final int[] keyLength;
    private final String[] types;
    private final long[] idHigh;
    private final long[] idLow;
    private final boolean[] idRead;
    private final Map<String, String> typeNames = new HashMap<>();
    /** The newest event's bytes when they alone are more than the window's bytes; null otherwise. */
    private byte[] oversized;
    /** The slot of the oldest event held. */
    private int head;
    private int size;
    private long bytes;

    EventWindow(int events, long bytes) {
        if (events < 1 || bytes < 0) {
            throw new IllegalArgumentException("a window of " + events + " events and " + bytes + " bytes");
        }
        this.capacity = events;
        this.maxBytes = (int) Math.min(bytes, MAX_BYTES);
        this.values = new ByteRing(maxBytes);
        this.keys = new ByteRing(MAX_BYTES);
        this.valueAt = new long[events];
        this.valueLength = new int[events];
        this.keyAt = new long[events];
        this.keyLength = new int[events];
        this.types = new String[events];
        this.idHigh = new long[events];
        this.idLow = new long[events];
        this.idRead = new boolean[events];
    }

    /** Appends an event read: its type (null when the record has none), its key (null likewise) and its bytes. */
    void append(String type, String key, byte[] value) {
        while (size > 0 && (size == capacity || bytes + value.length > maxBytes)) {
            removeOldest();
        }
        int slot = slot(size);
        if (value.length > maxBytes) {
            oversized = value;
            valueAt[slot] = OUTSIDE;
        } else {
            valueAt[slot] = values.append(value);
        }
        valueLength[slot] = value.length;
        if (key == null) {
            keyLength[slot] = NO_KEY;
        } else if (isAscii(key)) {
            keyAt[slot] = keys.appendAscii(key);
            keyLength[slot] = key.length();
        } else {
            byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
            keyAt[slot] = keys.append(utf8);
            keyLength[slot] = utf8.length;
        }
        types[slot] = typeName(type);
        idRead[slot] = readId(value, slot);
        size++;
        bytes += value.length;
    }

    /** How many events it holds. */
    int size() {
        return size;
    }

    /** Their records' bytes. */
    long bytes() {
        return bytes;
    }

    /** The number of the event whose id is {@code eventId}; -1 when none held has it. */
    int indexOf(UUID eventId) {
        for (int i = 0; i < size; i++) {
            int slot = slot(i);
            if (idRead[slot] ? idHigh[slot] == eventId.getMostSignificantBits()
                    && idLow[slot] == eventId.getLeastSignificantBits() : eventId.equals(parsedId(i))) {
                return i;
            }
        }
        return -1;
    }

    String type(int index) {
        return types[slot(checked(index))];
    }

    String key(int index) {
        int slot = slot(checked(index));
        return keyLength[slot] == NO_KEY ? null : keys.string(keyAt[slot], keyLength[slot]);
    }

    /** The event's bytes, a copy (the oversized event's own array, which nothing writes). */
    byte[] value(int index) {
        int slot = slot(checked(index));
        return valueAt[slot] == OUTSIDE ? oversized : values.copy(valueAt[slot], valueLength[slot]);
    }

    private void removeOldest() {
        int slot = head;
        if (valueAt[slot] == OUTSIDE) {
            oversized = null;
        } else {
            values.release(valueLength[slot]);
        }
        if (keyLength[slot] != NO_KEY) {
            keys.release(keyLength[slot]);
        }
        types[slot] = null;
        bytes -= valueLength[slot];
        head = (head + 1) % capacity;
        size--;
    }

    private int slot(int index) {
        return (int) (((long) head + index) % capacity);
    }

    private int checked(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("event " + index + " of " + size);
        }
        return index;
    }

    /** The one instance of each type name, so that the slots hold no string of their own. */
    private String typeName(String type) {
        if (type == null) {
            return null;
        }
        String known = typeNames.get(type);
        if (known != null) {
            return known;
        }
        if (typeNames.size() < MAX_TYPE_NAMES) {
            typeNames.put(type, type);
        }
        return type;
    }

    /** Reads the event id at the start of {@code value} into the slot's two longs; false when it is not there. */
    private boolean readId(byte[] value, int slot) {
        int start = ID_PREFIX.length;
        if (value.length < start + UUID_LENGTH + 1 || value[start + UUID_LENGTH] != '"') {
            return false;
        }
        for (int i = 0; i < start; i++) {
            if (value[i] != ID_PREFIX[i]) {
                return false;
            }
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = 0; i < UUID_LENGTH; i++) {
            byte b = value[start + i];
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (b != '-') {
                    return false;
                }
                continue;
            }
            int digit = Character.digit(b, 16);
            if (digit < 0) {
                return false;
            }
            if (digits++ < 16) {
                high = high << 4 | digit;
            } else {
                low = low << 4 | digit;
            }
        }
        idHigh[slot] = high;
        idLow[slot] = low;
        return true;
    }

    /** The id of an event whose bytes do not start with it; null when they are no event. */
    private UUID parsedId(int index) {
        try {
            return EventJson.fromBytes(value(index)).eventId();
        } catch (MalformedEventException e) {
            return null;
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
