package io.berth.scheduler.command;

import io.berth.events.EventEnvelope;
import io.berth.events.SchedulerCommand;
import io.berth.scheduler.task.TaskCommands;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the commands of the partitions this instance owns, in partition order. What one poll
 * brought of a partition is decided together, in one transaction (TaskCommands#handleAll): under
 * load the commands of a busy cluster queue up, and one commit for them all is what lets the
 * scheduler keep up.
 */
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
    public void onCommands(ConsumerRecords<String, EventEnvelope> records) {
        for (TopicPartition partition : records.partitions()) {
            List<EventEnvelope> commands = records.records(partition).stream().map(ConsumerRecord::value)
                    .filter(command -> command != null && command.payload() instanceof SchedulerCommand).toList();
            if (commands.isEmpty()) {
                continue;
            }
            OptionalLong epoch = ownership.epochOf(partition.partition());
            if (epoch.isEmpty()) {
                LOG.warnf("Skipping %d commands: partition %d is no longer assigned here", commands.size(),
                        partition.partition());
                continue;
            }
            tasks.handleAll(commands, partition.partition(), epoch.getAsLong());
        }
    }
}
