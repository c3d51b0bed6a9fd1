package io.berth.placement;

/** The container instance states the placement engine sees; only ACTIVE instances take tasks. */
public enum InstanceStatus {
    ACTIVE,
    DRAINING
}
