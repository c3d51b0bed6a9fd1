package io.berth.agent.awslogs;

import io.berth.agent.awslogs.LogsApi.Event;
import io.berth.agent.awslogs.LogsApi.LogsApiException;
import io.berth.agent.runtime.ContainerLog;
import io.berth.agent.runtime.TaskSpec;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One container's awslogs stream: lines become events (joined into one when a multiline pattern says where events
 * start, cut where one is longer than an event may be), wait in a buffer, and go out in PutLogEvents batches of at
 * most 10,000 events and 1 MiB, in order, one batch at a time, whenever the driver's flush comes round or a batch is
 * full. A batch the service could not take (unreachable, overloaded) is sent again with the next flush. In
 * non-blocking mode, more than {@code max-buffer-size} waiting drops the oldest lines, as Docker's ring buffer does.
 */
final class LogShipper implements ContainerLog {

    private static final System.Logger LOG = System.getLogger(LogShipper.class.getName());
    static final int MAX_BATCH_EVENTS = 10_000;
    static final int MAX_BATCH_BYTES = 1_048_576;
    static final int EVENT_OVERHEAD = 26;
    /** Docker's awslogs driver cuts messages here: a CloudWatch event holds 256 KiB with its overhead. */
    static final int MAX_EVENT_BYTES = 262_144 - EVENT_OVERHEAD;

    private final AwsLogsDriver driver;
    private final LogsApi api;
    private final TaskSpec task;
    private final String region;
    private final String group;
    private final String stream;
    private final AwsLogsOptions options;
    private final Instant shippedUntil;
    private final Deque<Event> buffer = new ArrayDeque<>();
    private long bufferedBytes;
    private StringBuilder pending;
    private long pendingTime;
    /** Whether the pending multiline event grew since the last flush; one that did not is complete. */
    private boolean pendingGrew;
    private long lastTimestamp;
    private boolean sending;
    private boolean closed;
    private long dropped;

    LogShipper(AwsLogsDriver driver, LogsApi api, TaskSpec task, String region, String stream, AwsLogsOptions options,
            Instant shippedUntil) {
        this.driver = driver;
        this.api = api;
        this.task = task;
        this.region = region;
        this.group = options.group();
        this.stream = stream;
        this.options = options;
        this.shippedUntil = shippedUntil;
    }

    String stream() {
        return stream;
    }

    @Override
    public Instant shippedUntil() {
        return shippedUntil;
    }

    @Override
    public synchronized void append(Instant time, String line) {
        if (closed) {
            return;
        }
        Pattern starts = options.multiline();
        if (starts == null) {
            add(time.toEpochMilli(), line);
        } else if (pending == null) {
            startPending(time, line);
        } else if (starts.matcher(line).find()) {
            flushPending();
            startPending(time, line);
        } else {
            pending.append('\n').append(line);
            pendingGrew = true;
            if (pending.length() > MAX_EVENT_BYTES) {
                flushPending();
            }
        }
        if (buffer.size() >= MAX_BATCH_EVENTS || bufferedBytes >= MAX_BATCH_BYTES) {
            driver.sendSoon(this);
        }
    }

    /** Sends what is left, then stops: lines appended afterwards are dropped. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            flushPending();
            closed = true;
        }
        driver.sendSoon(this);
    }

    /** The driver's flush: a multiline event that did not grow since the last flush goes into the buffer. */
    synchronized boolean due() {
        if (!pendingGrew) {
            flushPending();
        }
        pendingGrew = false;
        return !buffer.isEmpty();
    }

    synchronized boolean finished() {
        return closed && buffer.isEmpty() && !sending;
    }

    /**
     * Sends the buffer, batch after batch, on the caller's thread; returns false when the service did not take a
     * batch, which waits for the next flush.
     */
    boolean send() {
        while (true) {
            List<Event> batch;
            synchronized (this) {
                if (sending || buffer.isEmpty()) {
                    return true;
                }
                sending = true;
                batch = takeBatch();
            }
            boolean sent = put(batch);
            synchronized (this) {
                sending = false;
                if (!sent) {
                    for (int i = batch.size() - 1; i >= 0; i--) {
                        buffer.addFirst(batch.get(i));
                        bufferedBytes += size(batch.get(i));
                    }
                    return false;
                }
            }
        }
    }

    private boolean put(List<Event> batch) {
        try {
            api.putLogEvents(task, region, group, stream, batch);
            return true;
        } catch (LogsApiException e) {
            if ("ResourceNotFoundException".equals(e.code()) && recreate()) {
                return put(batch);
            }
            if (e.retryable()) {
                LOG.log(Level.WARNING, "Shipping " + batch.size() + " lines of " + stream + " to " + group
                        + " failed; trying again with the next flush: " + e.getMessage());
                return false;
            }
            LOG.log(Level.WARNING, "Dropping " + batch.size() + " lines of " + stream + " that " + group
                    + " refused: " + e.code() + ": " + e.getMessage());
            return true;
        }
    }

    /** The stream (or its group) was deleted while the container ran: Docker's driver creates it again. */
    private boolean recreate() {
        try {
            driver.createStream(task, region, options, stream);
            return true;
        } catch (LogsApiException e) {
            return false;
        }
    }

    private List<Event> takeBatch() {
        List<Event> batch = new ArrayList<>();
        long bytes = 0;
        while (!buffer.isEmpty() && batch.size() < MAX_BATCH_EVENTS) {
            long size = size(buffer.peekFirst());
            if (bytes + size > MAX_BATCH_BYTES && !batch.isEmpty()) {
                break;
            }
            Event event = buffer.pollFirst();
            batch.add(event);
            bytes += size;
            bufferedBytes -= size;
        }
        return batch;
    }

    private void startPending(Instant time, String line) {
        pending = new StringBuilder(line);
        pendingGrew = true;
        pendingTime = time.toEpochMilli();
    }

    private void flushPending() {
        if (pending != null) {
            add(pendingTime, pending.toString());
            pending = null;
        }
    }

    /** One event per line, cut into pieces an event can hold, with timestamps that never go back. */
    private void add(long time, String message) {
        if (message.isEmpty()) {
            return;
        }
        long timestamp = Math.max(time, lastTimestamp);
        lastTimestamp = timestamp;
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_EVENT_BYTES) {
            enqueue(new Event(timestamp, message));
            return;
        }
        int start = 0;
        while (start < bytes.length) {
            int end = Math.min(bytes.length, start + MAX_EVENT_BYTES);
            // Never cut inside a UTF-8 character: back up to the start of one.
            while (end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
                end--;
            }
            enqueue(new Event(timestamp, new String(bytes, start, end - start, StandardCharsets.UTF_8)));
            start = end;
        }
    }

    private void enqueue(Event event) {
        buffer.addLast(event);
        bufferedBytes += size(event);
        if (!options.blocking()) {
            while (bufferedBytes > options.maxBufferBytes() && buffer.size() > 1) {
                bufferedBytes -= size(buffer.pollFirst());
                if (dropped++ % 10_000 == 0) {
                    LOG.log(Level.WARNING, "The log buffer of " + stream + " is full (max-buffer-size "
                            + options.maxBufferBytes() + "): dropping its oldest lines");
                }
            }
        }
    }

    private static long size(Event event) {
        return event.message().getBytes(StandardCharsets.UTF_8).length + (long) EVENT_OVERHEAD;
    }
}
