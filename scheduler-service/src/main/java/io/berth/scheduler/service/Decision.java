package io.berth.scheduler.service;

import java.util.List;

/**
 * The outcome of one decision: the actions for the scheduler to carry out, the deployment changes to
 * publish, the service event messages written, and the service's state afterwards (which already
 * contains the changes and the messages).
 *
 * @param stalled the deployment configuration lets no task move although the service is not where it
 *     should be, now or once this decision's stops are carried out (the "unable to stop or start
 *     tasks" message was due)
 */
public record Decision(List<Action> actions, List<DeploymentChange> deploymentChanges, List<ServiceMessage> events,
        boolean stalled, ServiceState next) {

    public Decision {
        actions = List.copyOf(actions);
        deploymentChanges = List.copyOf(deploymentChanges);
        events = List.copyOf(events);
    }

    static Decision unchanged(ServiceState state) {
        return new Decision(List.of(), List.of(), List.of(), false, state);
    }

    public List<Action.StartTasks> starts() {
        return actions.stream().filter(Action.StartTasks.class::isInstance).map(Action.StartTasks.class::cast).toList();
    }

    public List<Action.StopTasks> stops() {
        return actions.stream().filter(Action.StopTasks.class::isInstance).map(Action.StopTasks.class::cast).toList();
    }

    /** The ARNs of all tasks this decision stops. */
    public List<String> stoppedTaskArns() {
        return stops().stream().flatMap(s -> s.taskArns().stream()).toList();
    }

    public int startCount() {
        return starts().stream().mapToInt(Action.StartTasks::count).sum();
    }
}
