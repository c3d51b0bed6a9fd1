package io.berth.events;

import java.util.Arrays;

/**
 * Every topic with the sealed interface of its messages, the service that publishes it, and what
 * its key is. {@code docs/events.md} is generated from this table and the approved examples.
 */
public enum Topic {
    CLUSTER_EVENTS(Topics.CLUSTER_EVENTS, ClusterEvent.class, "cluster-service", "cluster ARN"),
    TASK_DEFINITION_EVENTS(Topics.TASK_DEFINITION_EVENTS, TaskDefinitionEvent.class, "cluster-service",
            "task definition family ARN (the ARN without `:<revision>`)"),
    CAPACITY_PROVIDER_EVENTS(Topics.CAPACITY_PROVIDER_EVENTS, CapacityProviderEvent.class, "cluster-service",
            "capacity provider ARN"),
    ACCOUNT_SETTING_EVENTS(Topics.ACCOUNT_SETTING_EVENTS, AccountSettingEvent.class, "cluster-service",
            "the account's root principal ARN"),
    CONTAINER_INSTANCE_EVENTS(Topics.CONTAINER_INSTANCE_EVENTS, ContainerInstanceEvent.class, "agent-service",
            "cluster ARN"),
    TASK_STATE_EVENTS(Topics.TASK_STATE_EVENTS, TaskStateEvent.class, "agent-service", "cluster ARN"),
    SCHEDULER_COMMANDS(Topics.SCHEDULER_COMMANDS, SchedulerCommand.class,
            "api-gateway (also scaling-service: UpdateService; scheduler-service: `FollowTaskReports`,"
                    + " `FollowInstanceChanges`)", "cluster ARN"),
    TASK_EVENTS(Topics.TASK_EVENTS, TaskEvent.class, "scheduler-service", "cluster ARN"),
    SERVICE_EVENTS(Topics.SERVICE_EVENTS, ServiceEvent.class, "scheduler-service", "cluster ARN"),
    SCALING_EVENTS(Topics.SCALING_EVENTS, ScalingEvent.class, "scaling-service", "cluster ARN"),
    REGISTRY_EVENTS(Topics.REGISTRY_EVENTS, RegistryEvent.class, "registry-service", "repository ARN"),
    LOGS_EVENTS(Topics.LOGS_EVENTS, LogsEvent.class, "logs-service", "log group ARN"),
    AUTO_SCALING_EVENTS(Topics.AUTO_SCALING_EVENTS, AutoScalingEvent.class, "agent-service",
            "launch template or Auto Scaling group ARN");

    /** Partitions each topic is created with; the unit of scale-out for consumers. */
    public static final int DEFAULT_PARTITIONS = 12;

    private final String topicName;
    private final Class<? extends BerthEvent> messages;
    private final String publisher;
    private final String key;

    Topic(String topicName, Class<? extends BerthEvent> messages, String publisher, String key) {
        this.topicName = topicName;
        this.messages = messages;
        this.publisher = publisher;
        this.key = key;
    }

    public String topicName() {
        return topicName;
    }

    public Class<? extends BerthEvent> messages() {
        return messages;
    }

    public String publisher() {
        return publisher;
    }

    public String key() {
        return key;
    }

    public static Topic of(BerthEvent event) {
        return of(event.getClass());
    }

    public static Topic of(Class<? extends BerthEvent> type) {
        return Arrays.stream(values())
                .filter(t -> t.messages.isAssignableFrom(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No topic carries " + type.getName()));
    }
}
