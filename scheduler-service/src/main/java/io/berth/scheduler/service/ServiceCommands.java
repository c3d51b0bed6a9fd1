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
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.LoadBalancer;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.StreamId;
import io.berth.scheduler.service.ServiceCommand.Create;
import io.berth.scheduler.service.ServiceCommand.CreateService;
import io.berth.scheduler.service.ServiceCommand.Delete;
import io.berth.scheduler.service.ServiceCommand.DeleteService;
import io.berth.scheduler.service.ServiceCommand.RequestedCircuitBreaker;
import io.berth.scheduler.service.ServiceCommand.RequestedConfiguration;
import io.berth.scheduler.service.ServiceCommand.Update;
import io.berth.scheduler.service.ServiceCommand.UpdateService;
import io.berth.scheduler.task.FargateRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.List;

/**
 * Every change of a service, in the caller's transaction: CreateService, UpdateService and
 * DeleteService (they arrive as {@link ManageService} commands on the cluster's partition) and tags,
 * decided by the {@link ServiceDecider}; a reconciliation's events ({@link ServiceChanges}). Each is
 * appended to the service's stream at the version its row holds and applied to the row by the
 * {@link ServiceProjection}; the service's tasks are the reconciler's business, which is woken once
 * this commits.
 */
@ApplicationScoped
public class ServiceCommands {

    private static final String CAPACITY_PROVIDER_STRATEGY = "capacityProviderStrategy";
    private static final ServiceDecider DECIDER = new ServiceDecider();

    private final EventStore store;
    private final ServiceProjection projection;

    public ServiceCommands(EventStore store, ServiceProjection projection) {
        this.store = store;
        this.projection = projection;
    }

    /** What a service command changed: the service, and the task set for the task set commands. */
    public record Handled(String serviceArn, String taskSetId) {
    }

    /**
     * Decides a CreateService, UpdateService, DeleteService, StopServiceDeployment (which the gateway
     * passes with the cluster, service and deployment id its ARN names) or task set command.
     */
    @Transactional(TxType.MANDATORY)
    public Handled handle(EventEnvelope command, ManageService manage) {
        EcsRequest request = EcsRequest.of(manage.request());
        String serviceArn = Arns.inCluster(manage.clusterArn(), "service", serviceName(request, manage.operation()));
        if (manage.taskDefinition() != null) {
            if (!"ACTIVE".equals(manage.taskDefinition().path("status").asText("ACTIVE"))) {
                throw EcsErrors.taskDefinitionInactive();
            }
            ServiceTaskDefinition.remember(manage.taskDefinition());
        }
        String controller = ServiceRules.checkDeploymentController(request.object("deploymentController")
                .flatMap(c -> c.string("type")).orElse(null));
        Instant now = command.occurredAt();
        String deploymentId = Deployment.deriveId(command.eventId().toString());
        ServiceCommand decided = switch (manage.operation()) {
            case "CreateService" -> new Create(manage.clusterArn(), create(request, manage, controller), deploymentId,
                    now);
            case "UpdateService" -> new Update(checkedUpdate(request, manage, serviceArn, controller), deploymentId,
                    now);
            case "DeleteService" -> new Delete(new DeleteService(request.bool("force").orElse(false)), now);
            case "StopServiceDeployment" -> new ServiceCommand.StopDeployment(Deployment.ID_PREFIX
                    + request.requiredString("deploymentId"), deploymentId, now);
            case "CreateTaskSet" -> createTaskSet(request, manage, deploymentId, serviceArn, now);
            case "UpdateTaskSet" -> new ServiceCommand.ScaleTaskSet(taskSetId(request, "taskSet"),
                    request.object("scale").flatMap(c -> c.number("value")).orElse(null),
                    request.object("scale").flatMap(c -> c.string("unit")).orElse(null), now);
            case "DeleteTaskSet" -> new ServiceCommand.DeleteTaskSet(taskSetId(request, "taskSet"),
                    request.bool("force").orElse(false), now);
            case "UpdateServicePrimaryTaskSet" -> new ServiceCommand.MakePrimaryTaskSet(
                    taskSetId(request, "primaryTaskSet"), now);
            default -> throw new IllegalArgumentException("Not a service operation: " + manage.operation());
        };
        handle(EventContext.causedBy(command), serviceArn, decided);
        return new Handled(serviceArn, manage.operation().contains("TaskSet") ? TaskSets.idOf(decided) : null);
    }

    /**
     * A task set named by its id ({@code ecs-svc/…}) or its ARN
     * ({@code …:task-set/<cluster>/<service>/ecs-svc/…}); what names none is a set that does not exist.
     */
    public static String taskSetId(EcsRequest request, String member) {
        String named = request.requiredString(member);
        int at = named.indexOf(Deployment.ID_PREFIX);
        String id = at < 0 ? named : named.substring(at);
        if (!Deployment.isValidId(id) || (at > 0 && !named.contains(":task-set/"))) {
            throw new EcsException(TaskSets.TASK_SET_NOT_FOUND, "The specified task set does not exist.");
        }
        return id;
    }

    /** CreateTaskSet: its task definition as the gateway resolved it, checked for Fargate when it runs there. */
    private static ServiceCommand.CreateTaskSet createTaskSet(EcsRequest request, ManageService manage,
            String taskSetId, String serviceArn, Instant now) {
        if (manage.taskDefinition() == null) {
            throw EcsErrors.missing("taskDefinition");
        }
        String launchType = request.string("launchType").orElse(null);
        List<CapacityProviderStrategyItem> strategy = RequestShapes.capacityProviderStrategy(request,
                CAPACITY_PROVIDER_STRATEGY);
        NetworkConfiguration network = RequestShapes.networkConfiguration(request);
        String platformVersion = request.string("platformVersion").orElse(null);
        String platformFamily = null;
        ServiceView row = ServiceView.findById(serviceArn);
        boolean own = launchType != null || (strategy != null && !strategy.isEmpty());
        ServiceSpec service = row == null ? null : row.toState().spec();
        if (service != null && FargateRules.onFargate(own ? launchType : service.launchType(),
                own ? strategy : service.capacityProviderStrategy())) {
            platformVersion = platformVersion == null ? FargateRules.LATEST : platformVersion;
            platformFamily = FargateRules.check(manage.taskDefinition(), network, platformVersion,
                    service.placementConstraints(), service.placementStrategy()).family();
        }
        return new ServiceCommand.CreateTaskSet(taskSetId, manage.taskDefinition().path("taskDefinitionArn").asText(),
                request.string("externalId").orElse(null), launchType, strategy, platformVersion, platformFamily,
                network, request.has("loadBalancers") ? loadBalancers(request) : null,
                request.object("scale").flatMap(c -> c.number("value")).orElse(null),
                request.object("scale").flatMap(c -> c.string("unit")).orElse(null), Tags.parse(request, "tags"), now);
    }

    /** Decides {@code command} on the service and records what it decided. */
    @Transactional(TxType.MANDATORY)
    public void handle(EventContext context, String serviceArn, ServiceCommand command) {
        ServiceView row = ServiceView.findById(serviceArn);
        ServiceState state = row == null ? null : row.toState();
        record(context, serviceArn, row, state, DECIDER.decide(command, state));
    }

    /**
     * Appends {@code events} to the service's stream after the version {@code row} holds and applies
     * them to it.
     *
     * @param row the service's row as the caller read it (null for a new service)
     * @param state what the row holds
     */
    @Transactional(TxType.MANDATORY)
    public void record(EventContext context, String serviceArn, ServiceView row, ServiceState state,
            List<? extends ServiceEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<EventEnvelope> recorded = store.append(new StreamId(ServiceProjection.STREAM_TYPE, serviceArn),
                row == null ? 0 : row.version, events, context);
        projection.apply(row, state, recorded);
    }

    private static String serviceName(EcsRequest request, String operation) {
        String member = "CreateService".equals(operation) ? "serviceName" : "service";
        String name = request.requiredString(member);
        return Arns.parse(name).map(Arns.Arn::id).orElse(name);
    }

    /** CreateService; an EXTERNAL service names no task definition, its task sets do (checked there). */
    private static CreateService create(EcsRequest request, ManageService manage, String controller) {
        boolean external = ServiceSpec.EXTERNAL.equals(controller);
        if (manage.taskDefinition() == null && !external) {
            throw EcsErrors.missing("taskDefinition");
        }
        CreateService create = new CreateService(request.requiredString("serviceName"),
                manage.taskDefinition() == null ? null : manage.taskDefinition().path("taskDefinitionArn").asText(),
                request.integer("desiredCount").orElse(null),
                request.string("schedulingStrategy").orElse(null), request.string("launchType").orElse(null),
                RequestShapes.capacityProviderStrategy(request, CAPACITY_PROVIDER_STRATEGY), configuration(request),
                RequestShapes.placementConstraints(request), RequestShapes.placementStrategy(request),
                request.integer("healthCheckGracePeriodSeconds").orElse(null), loadBalancers(request),
                RequestShapes.networkConfiguration(request), request.string("propagateTags").orElse(null),
                Tags.parse(request, "tags"), request.string("clientToken").orElse(null)).withController(controller);
        if (external) {
            return create.onPlatform(request.string("platformVersion").orElse(null), null);
        }
        return ServiceRules.checkFargate(create, manage.taskDefinition(),
                request.string("platformVersion").orElse(null));
    }

    /** The update, with the Fargate rules when the service is or becomes a Fargate service. */
    private static UpdateService checkedUpdate(EcsRequest request, ManageService manage, String serviceArn,
            String controller) {
        UpdateService update = update(request, manage);
        ServiceView row = ServiceView.findById(serviceArn);
        if (row == null) {
            return update;
        }
        ServiceSpec current = row.toState().spec();
        if (controller != null && !controller.equals(current.controller())) {
            throw new EcsException(ServiceRules.UNSUPPORTED_FEATURE, "Berth does not change the deployment controller"
                    + " of a service: create a new service with the " + controller + " deployment controller.");
        }
        return ServiceRules.checkFargate(current, update, manage.taskDefinition() != null ? manage.taskDefinition()
                : ServiceTaskDefinition.of(current.taskDefinitionArn()),
                request.string("platformVersion").orElse(null));
    }

    private static UpdateService update(EcsRequest request, ManageService manage) {
        return new UpdateService(request.integer("desiredCount").orElse(null),
                manage.taskDefinition() == null ? null : manage.taskDefinition().path("taskDefinitionArn").asText(),
                configuration(request), RequestShapes.capacityProviderStrategy(request, CAPACITY_PROVIDER_STRATEGY),
                request.has("placementConstraints") ? RequestShapes.placementConstraints(request) : null,
                request.has("placementStrategy") ? RequestShapes.placementStrategy(request) : null,
                request.integer("healthCheckGracePeriodSeconds").orElse(null),
                request.has("loadBalancers") ? loadBalancers(request) : null,
                RequestShapes.networkConfiguration(request), request.string("propagateTags").orElse(null),
                request.bool("forceNewDeployment").orElse(false));
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
