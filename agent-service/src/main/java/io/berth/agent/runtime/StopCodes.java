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

    private StopCodes() {
    }
}
