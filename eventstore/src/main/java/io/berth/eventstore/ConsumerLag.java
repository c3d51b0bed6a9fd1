package io.berth.eventstore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * {@value #LAG}: per topic the service consumes, the records its consumers have not read yet
 * (the Kafka clients' own {@code records-lag} of each partition, summed). The Kafka clients'
 * meters bound by Quarkus show a topic's partitions only a minute after they appear, and none
 * summed per topic; this one is read from the clients at each scrape. The messaging connector
 * announces each consumer it creates, and again when it closes it; {@link EventConsumer} names the
 * topics as their first records arrive.
 */
@ApplicationScoped
public class ConsumerLag {

    public static final String LAG = "berth.consumer.lag";
    private static final String FETCH_METRICS = "consumer-fetch-manager-metrics";

    private final MeterRegistry registry;
    private final Set<Consumer<?, ?>> consumers = ConcurrentHashMap.newKeySet();
    private final Set<String> topics = ConcurrentHashMap.newKeySet();

    public ConsumerLag(MeterRegistry registry) {
        this.registry = registry;
    }

    synchronized void created(@Observes Consumer<?, ?> consumer) {
        if (!consumers.remove(consumer)) {
            consumers.add(consumer);
        }
    }

    /** The service reads {@code topic}: from now on its lag is published. */
    void reading(String topic) {
        if (topics.add(topic)) {
            Gauge.builder(LAG, () -> lagOf(topic)).description("Records of the topic the service has not read yet")
                    .tag("topic", topic).register(registry);
        }
    }

    private double lagOf(String topic) {
        double lag = 0;
        for (Consumer<?, ?> consumer : consumers) {
            for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
                MetricName name = metric.getKey();
                if ("records-lag".equals(name.name()) && FETCH_METRICS.equals(name.group())
                        && topic.equals(name.tags().get("topic"))
                        && metric.getValue().metricValue() instanceof Number value && !Double.isNaN(value.doubleValue())) {
                    lag += value.doubleValue();
                }
            }
        }
        return lag;
    }
}
