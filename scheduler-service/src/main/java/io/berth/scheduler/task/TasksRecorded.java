package io.berth.scheduler.task;

import java.util.List;

/**
 * What one {@link TaskCommandHandler#handle} call wrote, fired inside its transaction: observers that
 * keep tasks in memory take it after the commit ({@code TransactionPhase.AFTER_SUCCESS}), so a
 * rolled-back decision never reaches them; one that writes with it takes it at once, in the
 * transaction (the owner told of reports applied elsewhere, ADR 0056).
 */
public record TasksRecorded(List<Recorded> tasks) {

    /** A task as its row holds it now, and the version of its stream that row is at. */
    public record Recorded(TaskState state, long version) {
    }
}
