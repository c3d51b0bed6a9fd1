package io.berth.events;

/** Kafka topic names, as compile-time constants for annotations and configuration. */
public final class Topics {

    public static final String CLUSTER_EVENTS = "berth.cluster.events";
    public static final String TASK_DEFINITION_EVENTS = "berth.task-definition.events";
    public static final String CAPACITY_PROVIDER_EVENTS = "berth.capacity-provider.events";
    public static final String ACCOUNT_SETTING_EVENTS = "berth.account-setting.events";
    public static final String CONTAINER_INSTANCE_EVENTS = "berth.container-instance.events";
    public static final String TASK_STATE_EVENTS = "berth.task-state.events";
    public static final String SCHEDULER_COMMANDS = "berth.scheduler.commands";
    public static final String TASK_EVENTS = "berth.task.events";
    public static final String SERVICE_EVENTS = "berth.service.events";
    public static final String SCALING_EVENTS = "berth.scaling.events";
    public static final String REGISTRY_EVENTS = "berth.registry.events";
    public static final String LOGS_EVENTS = "berth.logs.events";
    public static final String AUTO_SCALING_EVENTS = "berth.auto-scaling.events";

    /** The record header holding the event's type name, so a reader can skip an event without parsing it. */
    public static final String TYPE_HEADER = "berth-event-type";

    private Topics() {
    }
}
