package io.berth.agent.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows the output files of process containers into their logs: one thread reads what every followed file gained
 * since the last look, every {@code interval}, and hands each complete line to the container's log with the time it
 * was read. The processes write to their files directly, so they never wait for the agent.
 */
final class LogFileTailer implements AutoCloseable {

    private final ScheduledExecutorService thread = RuntimeThreads.named("berth-log-tailer");
    private final Set<Followed> followed = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    LogFileTailer(Duration interval, Clock clock) {
        this.clock = clock;
        thread.scheduleWithFixedDelay(() -> followed.forEach(Followed::read), interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One container's files, followed into its log. */
    final class Followed {

        private final List<Path> files;
        private final List<Long> positions = new ArrayList<>();
        private final List<LineSplitter> splitters = new ArrayList<>();
        private final ContainerLog log;

        private Followed(List<Path> files, ContainerLog log) {
            this.files = List.copyOf(files);
            this.log = log;
            for (int i = 0; i < files.size(); i++) {
                positions.add(0L);
                splitters.add(new LineSplitter(line -> log.append(clock.instant(), line)));
            }
        }

        private void read() {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            for (int i = 0; i < files.size(); i++) {
                try (FileChannel channel = FileChannel.open(files.get(i), StandardOpenOption.READ)) {
                    long position = positions.get(i);
                    while (true) {
                        buffer.clear();
                        int read = channel.read(buffer, position);
                        if (read <= 0) {
                            break;
                        }
                        splitters.get(i).accept(buffer.array(), 0, read);
                        position += read;
                    }
                    positions.set(i, position);
                } catch (IOException e) {
                    // Not created yet, or gone with its task's directory: nothing to read this time.
                }
            }
        }

        /** The last read, partial last lines included, then the log is closed. */
        void finish() {
            Runnable last = () -> {
                followed.remove(this);
                read();
                splitters.forEach(LineSplitter::end);
                log.close();
            };
            try {
                thread.execute(last);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                last.run();
            }
        }
    }

    Followed follow(List<Path> files, ContainerLog log) {
        Followed container = new Followed(files, log);
        followed.add(container);
        return container;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
