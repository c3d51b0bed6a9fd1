package io.berth.events;

/**
 * Every message Berth puts on Kafka. Each topic has one sealed sub-interface whose records are
 * the messages of that topic; every record carries a stable logical type name in
 * {@link com.fasterxml.jackson.annotation.JsonTypeName}, never its Java class name.
 */
public sealed interface BerthEvent
        permits ClusterEvent, TaskDefinitionEvent, CapacityProviderEvent, AccountSettingEvent, ContainerInstanceEvent,
        TaskStateEvent, SchedulerCommand, TaskEvent, ServiceEvent, ScalingEvent, RegistryEvent, LogsEvent,
        AutoScalingEvent {

    /** The Kafka record key; it decides the partition and so the order consumers see. */
    String partitionKey();
}
