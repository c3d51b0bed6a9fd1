package io.berth.scheduler.command;

import io.berth.events.EventEnvelope;
import io.berth.events.SchedulerCommand;
import io.berth.scheduler.task.TaskCommands;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Reads the commands of the partitions this instance owns, one at a time, in partition order. */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    private final PartitionOwnership ownership;
    private final TaskCommands tasks;

    public CommandConsumer(PartitionOwnership ownership, TaskCommands tasks) {
        this.ownership = ownership;
        this.tasks = tasks;
    }

    @Incoming("scheduler-commands")
    @Blocking
    public void onCommand(ConsumerRecord<String, EventEnvelope> record) {
        EventEnvelope command = record.value();
        if (command == null || !(command.payload() instanceof SchedulerCommand)) {
            return;
        }
        OptionalLong epoch = ownership.epochOf(record.partition());
        if (epoch.isEmpty()) {
            LOG.warnf("Skipping %s: partition %d is no longer assigned here", command.eventId(), record.partition());
            return;
        }
        tasks.handle(command, record.partition(), epoch.getAsLong());
    }
}
