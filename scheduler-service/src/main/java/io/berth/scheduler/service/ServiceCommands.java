package io.berth.scheduler.service;

import io.berth.ecs.Arns;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.RequestShapes;
import io.berth.ecs.Tags;
import io.berth.events.EventEnvelope;
import io.berth.events.SchedulerCommand.ManageService;
import io.berth.events.ServiceEvent;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.ServiceEvent.ServiceDeleted;
import io.berth.events.ServiceEvent.ServiceUpdated;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.StreamId;
import io.berth.scheduler.service.ServiceCommand.CreateService;
import io.berth.scheduler.service.ServiceCommand.DeleteService;
import io.berth.scheduler.service.ServiceCommand.RequestedCircuitBreaker;
import io.berth.scheduler.service.ServiceCommand.RequestedConfiguration;
import io.berth.scheduler.service.ServiceCommand.UpdateService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CreateService, UpdateService and DeleteService, decided by the scheduler that owns the cluster
 * (they arrive as {@link ManageService} commands on its partition). The service's state is stored
 * with the events; its tasks are the reconciler's business, which is woken once this commits.
 */
@ApplicationScoped
public class ServiceCommands {

    public static final String SERVICE_STREAM = "service";
    private static final String CAPACITY_PROVIDER_STRATEGY = "capacityProviderStrategy";

    private final EventStore store;
    private final ServiceEvents events;

    public ServiceCommands(EventStore store, ServiceEvents events) {
        this.store = store;
        this.events = events;
    }

    /** Decides the command in the caller's transaction; returns the ARN of the service it changed. */
    public String handle(EventEnvelope command, ManageService manage) {
        EcsRequest request = EcsRequest.of(manage.request());
        String name = serviceName(request, manage.operation());
        String serviceArn = Arns.inCluster(manage.clusterArn(), "service", name);
        Instant now = command.occurredAt();
        ServiceView view = ServiceView.findById(serviceArn);
        String deploymentId = Deployment.deriveId(command.eventId().toString());
        if (manage.taskDefinition() != null) {
            ServiceTaskDefinition.remember(manage.taskDefinition());
        }
        switch (manage.operation()) {
            case "CreateService" -> {
                CreateService create = create(request, manage);
                if (view != null && !"INACTIVE".equals(view.status)) {
                    if (create.clientToken() != null && create.clientToken().equals(view.clientToken)) {
                        return serviceArn;
                    }
                    throw EcsErrors.invalidParameter("Creation of service was not idempotent.");
                }
                Decision decision = ServiceDecider.create(create, manage.clusterArn(), deploymentId, now);
                if (view == null) {
                    view = new ServiceView();
                    view.serviceArn = serviceArn;
                }
                view.account = command.account();
                view.region = command.region();
                view.clusterArn = manage.clusterArn();
                view.serviceName = name;
                view.clientToken = create.clientToken();
                ServiceState state = decision.next();
                view.store(state);
                view.persist();
                List<ServiceEvent> published = new ArrayList<>();
                published.add(new ServiceCreated(manage.clusterArn(), serviceArn, name,
                        state.spec().taskDefinitionArn(), state.spec().desiredCount(),
                        state.spec().schedulingStrategy().name(), state.spec().launchType(),
                        state.spec().deploymentConfiguration(), state.spec().placementConstraints(),
                        state.spec().placementStrategy()));
                published.addAll(events.of(state, decision));
                append(command, serviceArn, published);
            }
            case "UpdateService" -> {
                ServiceState state = existing(view);
                UpdateService update = update(request, manage);
                Decision decision = ServiceDecider.update(state, update, deploymentId, now);
                view.store(decision.next());
                List<ServiceEvent> published = new ArrayList<>();
                published.add(new ServiceUpdated(manage.clusterArn(), serviceArn, update.desiredCount(),
                        update.taskDefinitionArn(), decision.next().spec().deploymentConfiguration(),
                        update.forceNewDeployment()));
                published.addAll(events.of(decision.next(), decision));
                append(command, serviceArn, published);
            }
            case "DeleteService" -> {
                ServiceState state = existing(view);
                Decision decision = ServiceDecider.delete(state, new DeleteService(request.bool("force")
                        .orElse(false)), now);
                view.store(decision.next());
                append(command, serviceArn, List.of(new ServiceDeleted(manage.clusterArn(), serviceArn)));
            }
            default -> throw new IllegalArgumentException("Not a service operation: " + manage.operation());
        }
        return serviceArn;
    }

    private void append(EventEnvelope command, String serviceArn, List<ServiceEvent> published) {
        store.appendToEnd(new StreamId(SERVICE_STREAM, serviceArn), published,
                EventContext.causedBy(command));
    }

    private static ServiceState existing(ServiceView view) {
        if (view == null) {
            throw new EcsException("ServiceNotFoundException", "Service not found.");
        }
        return view.toState();
    }

    private static String serviceName(EcsRequest request, String operation) {
        String member = "CreateService".equals(operation) ? "serviceName" : "service";
        String name = request.requiredString(member);
        return Arns.parse(name).map(Arns.Arn::id).orElse(name);
    }

    private static CreateService create(EcsRequest request, ManageService manage) {
        if (manage.taskDefinition() == null) {
            throw EcsErrors.missing("taskDefinition");
        }
        return new CreateService(request.requiredString("serviceName"),
                manage.taskDefinition().path("taskDefinitionArn").asText(), request.integer("desiredCount").orElse(null),
                request.string("schedulingStrategy").orElse(null), request.string("launchType").orElse(null),
                RequestShapes.capacityProviderStrategy(request, CAPACITY_PROVIDER_STRATEGY), configuration(request),
                RequestShapes.placementConstraints(request), RequestShapes.placementStrategy(request),
                request.integer("healthCheckGracePeriodSeconds").orElse(null), loadBalancers(request),
                request.string("propagateTags").orElse(null), Tags.parse(request, "tags"),
                request.string("clientToken").orElse(null));
    }

    private static UpdateService update(EcsRequest request, ManageService manage) {
        return new UpdateService(request.integer("desiredCount").orElse(null),
                manage.taskDefinition() == null ? null : manage.taskDefinition().path("taskDefinitionArn").asText(),
                configuration(request), RequestShapes.capacityProviderStrategy(request, CAPACITY_PROVIDER_STRATEGY),
                request.has("placementConstraints") ? RequestShapes.placementConstraints(request) : null,
                request.has("placementStrategy") ? RequestShapes.placementStrategy(request) : null,
                request.integer("healthCheckGracePeriodSeconds").orElse(null),
                request.has("loadBalancers") ? loadBalancers(request) : null,
                request.string("propagateTags").orElse(null), request.bool("forceNewDeployment").orElse(false));
    }

    private static RequestedConfiguration configuration(EcsRequest request) {
        return request.object("deploymentConfiguration").map(c -> new RequestedConfiguration(
                c.integer("minimumHealthyPercent").orElse(null), c.integer("maximumPercent").orElse(null),
                c.object("deploymentCircuitBreaker").map(b -> new RequestedCircuitBreaker(
                        b.bool("enable").orElse(null), b.bool("rollback").orElse(null))).orElse(null)))
                .orElse(null);
    }


    private static List<LoadBalancer> loadBalancers(EcsRequest request) {
        return request.objects("loadBalancers").stream().map(l -> new LoadBalancer(
                l.string("targetGroupArn").orElse(null), l.string("loadBalancerName").orElse(null),
                l.string("containerName").orElse(null), l.integer("containerPort").orElse(null))).toList();
    }
}
