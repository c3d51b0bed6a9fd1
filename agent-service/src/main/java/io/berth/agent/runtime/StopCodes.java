package io.berth.agent.runtime;

/** The ECS {@code stopCode} values the runtimes produce, and the stopped reasons that go with them. */
public final class StopCodes {

    public static final String TASK_FAILED_TO_START = "TaskFailedToStart";
    public static final String ESSENTIAL_CONTAINER_EXITED = "EssentialContainerExited";
    public static final String USER_INITIATED = "UserInitiated";
    public static final String TERMINATION_NOTICE = "TerminationNotice";

    /** ECS's stopped reason when an essential container exits. */
    public static final String ESSENTIAL_CONTAINER_EXITED_REASON = "Essential container in task exited";
    /** The stopped reason of tasks still running when their runtime is closed. */
    public static final String RUNTIME_CLOSED_REASON = "Node agent runtime closed";
    /** Prefix ECS gives to reasons of containers that could not be started. */
    public static final String CANNOT_START_CONTAINER = "CannotStartContainerError: ";
    /** Prefix ECS gives to reasons of images that could not be pulled. */
    public static final String CANNOT_PULL_CONTAINER = "CannotPullContainerError: ";
    /** Prefix the ECS agent gives to reasons of ECR images it got no registry credentials for. */
    public static final String CANNOT_PULL_ECR_CONTAINER = "CannotPullECRContainerError: ";
    /** Prefix ECS gives to reasons of containers (or their volumes) that could not be created. */
    public static final String CANNOT_CREATE_CONTAINER = "CannotCreateContainerError: ";
    /** Prefix ECS gives to reasons of task resources (environment files, secrets) that could not be set up. */
    public static final String RESOURCE_INITIALIZATION = "ResourceInitializationError: ";
    /** ECS's reason for a container the kernel killed for going over its memory limit. */
    public static final String OUT_OF_MEMORY = "OutOfMemoryError: Container killed due to memory usage";

    private StopCodes() {
    }
}
