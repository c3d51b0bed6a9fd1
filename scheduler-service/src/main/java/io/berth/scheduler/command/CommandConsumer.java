package io.berth.scheduler.command;

import io.berth.events.EventEnvelope;
import io.berth.eventstore.EventConsumer;
import io.berth.scheduler.ownership.PartitionOwnership;
import io.smallrye.reactive.messaging.annotations.Blocking;
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
 * brought of a partition is decided together, in one transaction (SchedulerCommands#handleAll):
 * under load the commands of a busy cluster queue up, and one commit for them all is what lets the
 * scheduler keep up.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    private final PartitionOwnership ownership;
    private final SchedulerCommands commands;
    private final EventConsumer consumer;

    public CommandConsumer(PartitionOwnership ownership, SchedulerCommands commands, EventConsumer consumer) {
        this.ownership = ownership;
        this.commands = commands;
        this.consumer = consumer;
    }

    @Incoming("scheduler-commands")
    @Blocking(EventConsumer.WORKERS)
    public void onCommands(ConsumerRecords<String, EventEnvelope> records) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, EventEnvelope>> polled = records.records(partition);
            // A refusal, a wait that ran out or a bug is answered inside (SchedulerCommands#handle); what
            // escapes is a failure to write even the answer (the database gone): the partition's commands
            // are decided again, with a growing wait, until they are (ADR 0070), each once (inbox). The
            // partition's owner is asked again at each attempt.
            consumer.untilApplied(SchedulerCommands.CONSUMER, () -> decide(partition, polled));
        }
    }

    private void decide(TopicPartition partition, List<ConsumerRecord<String, EventEnvelope>> polled) {
        OptionalLong epoch = ownership.epochOf(partition.partition());
        if (epoch.isEmpty()) {
            LOG.warnf("Skipping %d commands: partition %d is no longer assigned here", polled.size(),
                    partition.partition());
            return;
        }
        commands.handleAll(polled, partition.partition(), epoch.getAsLong());
    }
}
