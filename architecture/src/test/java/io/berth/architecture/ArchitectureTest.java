package io.berth.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.berth.eventsourcing.Decider;
import io.berth.eventstore.EventConsumer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house skeleton's rules (ADR 0014), on the compiled main classes of every module. A module
 * can not depend on another in a circle (Maven refuses), so a package cycle anywhere is a cycle
 * inside one module.
 */
class ArchitectureTest {

    /** What the domain cores must not reach, directly or through anything they use. */
    private static final String[] FRAMEWORKS = {"io.quarkus..", "io.smallrye..", "jakarta..", "javax.sql..",
        "java.sql..", "org.hibernate..", "org.apache.kafka..", "org.eclipse.microprofile.."};

    private static final String INCOMING = "org.eclipse.microprofile.reactive.messaging.Incoming";
    private static final String BLOCKING = "io.smallrye.reactive.messaging.annotations.Blocking";
    /** SmallRye's general {@code @Blocking}, which names no pool: on a consumer it means the HTTP workers. */
    private static final String BLOCKING_ANYWHERE = "io.smallrye.common.annotation.Blocking";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.berth");
    }

    @Test
    void theRulesReadEveryModule() {
        for (String module : new String[] {"io.berth.events.EventEnvelope", "io.berth.eventsourcing.Decider",
            "io.berth.eventstore.EventConsumer", "io.berth.ecs.Arns", "io.berth.ecs.rest.CallerContext",
            "io.berth.cql.ClusterQuery", "io.berth.placement.PlacementEngine", "io.berth.scaling.policy.Cooldowns",
            "io.berth.capacity.CapacityProviderFold",
            "io.berth.cluster.cluster.ClusterDecider", "io.berth.scheduler.command.SchedulerCommands",
            "io.berth.agent.instance.InstanceDecider", "io.berth.scaling.target.ScalableTargetDecider",
            "io.berth.gateway.rest.RestApi", "io.berth.registry.repository.RepositoryDecider",
            "io.berth.logs.group.LogGroupDecider"}) {
            assertThat(classes.contain(module)).as(module).isTrue();
        }
    }

    @Test
    void noModuleHasAPackageCycle() {
        slices().matching("io.berth.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void decidersAndEverythingTheyUseArePlainJava() {
        noClasses().that().implement(Decider.class)
                .should().transitivelyDependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("a decider is the pure core of an aggregate (STYLE point 6)")
                .check(classes);
    }

    @Test
    void thePureModulesUseNoFramework() {
        noClasses().that().resideInAnyPackage("io.berth.ecs", "io.berth.eventsourcing..", "io.berth.cql..",
                        "io.berth.placement..", "io.berth.scaling.policy..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .check(classes);
    }

    /**
     * A consumer that blocks does so on the consumers' own pool, never on the workers that serve HTTP:
     * a call waiting for its caller's writes parks a request worker until a consumer applies them, and
     * on one shared pool enough waiting calls left the consumers no thread (ADR 0033, "Under load").
     * A consumer that does not block (it only keeps samples in memory) runs on the connector's thread.
     */
    @Test
    void everyBlockingConsumerRunsOnTheConsumersPool() {
        DescribedPredicate<JavaAnnotation<?>> onTheConsumersPool = DescribedPredicate.describe(
                "@Blocking(EventConsumer.WORKERS)", annotation -> annotation.getRawType().getName().equals(BLOCKING)
                        && annotation.get("value").map(EventConsumer.WORKERS::equals).orElse(false));
        methods().that().areAnnotatedWith(INCOMING).and().areAnnotatedWith(BLOCKING)
                .should().beAnnotatedWith(onTheConsumersPool)
                .check(classes);
        methods().that().areAnnotatedWith(INCOMING).should().notBeAnnotatedWith(BLOCKING_ANYWHERE)
                .because("it names no pool, so the consumer would run on the workers that serve HTTP")
                .check(classes);
        assertThat(classes.stream().flatMap(c -> c.getMethods().stream())
                .filter(m -> m.isAnnotatedWith(INCOMING) && m.isAnnotatedWith(BLOCKING))).hasSizeGreaterThan(15);
    }

    /**
     * A channel never stops on a failed batch (ADR 0070): no {@code @Incoming} method calls the skeleton's
     * fail-fast {@code consume} itself, and every class with a blocking one applies through
     * {@code consumeUntilApplied} or {@code untilApplied}.
     */
    @Test
    void everyChannelAppliesItsBatchUntilItIsApplied() {
        String skeleton = EventConsumer.class.getName();
        Set<String> untilApplied = Set.of("consumeUntilApplied", "untilApplied");
        List<String> failingFast = classes.stream().flatMap(c -> c.getMethods().stream())
                .filter(m -> m.isAnnotatedWith(INCOMING))
                .filter(m -> m.getMethodCallsFromSelf().stream().anyMatch(call -> call.getTargetOwner().getName()
                        .equals(skeleton) && call.getName().equals("consume")))
                .map(m -> m.getFullName()).toList();
        List<String> withoutRetry = classes.stream()
                .filter(c -> c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(INCOMING)
                        && m.isAnnotatedWith(BLOCKING)))
                .filter(c -> c.getMethodCallsFromSelf().stream().noneMatch(call -> call.getTargetOwner().getName()
                        .equals(skeleton) && untilApplied.contains(call.getName())))
                .map(c -> c.getName()).toList();

        assertThat(failingFast).as("@Incoming methods calling EventConsumer.consume").isEmpty();
        assertThat(withoutRetry).as("classes with a blocking channel that never applies until applied").isEmpty();
    }
}
