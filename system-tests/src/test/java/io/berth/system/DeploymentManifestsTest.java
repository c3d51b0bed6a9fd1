package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.localstack.StackSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Keeps docker-compose.yml and k8s/ honest: both describe the same services, built from their
 * modules, with the same environment keys, health checks and resource limits, and the kustomization
 * applies every manifest but the example Secrets. Reads the files only; nothing is started.
 */
class DeploymentManifestsTest {

    private static final Map<String, Integer> SERVICE_PORTS = Map.of(
            "api-gateway", 8080,
            "cluster-service", 8081,
            "scheduler-service", 8082,
            "agent-service", 8083,
            "scaling-service", 8084,
            "registry-service", 8085,
            "logs-service", 8086);
    private static final Set<String> INFRASTRUCTURE = Set.of("kafka", "postgres");

    private static final Path ROOT =
            Path.of(System.getProperty("berth.repo.root", "..")).toAbsolutePath().normalize();
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    private static final Path K8S = ROOT.resolve("k8s");
    private static final String KUSTOMIZATION = "kustomization.yaml";
    /** Examples of the Secrets users create themselves, never applied. */
    private static final String EXAMPLE_SUFFIX = ".example.yaml";
    private static final String POSTGRES_INIT_CONFIG_MAP = "postgres-init";
    /** The one image recipe of every service. */
    private static final String SHARED_DOCKERFILE = "docker/service.Dockerfile";

    @Test
    void composeFileParses() {
        Map<String, Object> compose = map(loadSingle(COMPOSE), "docker-compose.yml");

        assertThat(keys(compose.get("services"))).as("services in docker-compose.yml").isNotEmpty();
    }

    @Test
    void everyK8sManifestParses() {
        assertThat(k8sYamlFiles()).as("YAML files in %s", K8S).isNotEmpty();
        for (Path file : k8sYamlFiles()) {
            List<Object> documents = loadAll(file);
            assertThat(documents).as("documents in %s", file.getFileName()).isNotEmpty();
            for (Object document : documents) {
                assertThat(keys(document))
                        .as("a document in %s has apiVersion and kind", file.getFileName())
                        .contains("apiVersion", "kind");
            }
        }
    }

    @Test
    void composeServicesAreModulesBuiltWithTheSharedDockerfile() {
        for (Map.Entry<String, Map<String, Object>> service : composeBerthServices().entrySet()) {
            String name = service.getKey();
            assertIsModule(name, "docker-compose.yml service");
            Object build = at(service.getValue(), "build");
            assertThat(at(build, "context"))
                    .as("docker-compose.yml service %s builds in its module", name)
                    .isEqualTo("./" + name);
            Object dockerfile = at(build, "dockerfile");
            assertThat(ROOT.resolve(name).resolve(String.valueOf(dockerfile)).normalize())
                    .as("docker-compose.yml service %s builds from %s", name, SHARED_DOCKERFILE)
                    .isEqualTo(ROOT.resolve(SHARED_DOCKERFILE))
                    .isRegularFile();
        }
    }

    @Test
    void k8sDeploymentsAreModules() {
        for (String name : deployments().keySet()) {
            assertIsModule(name, "k8s Deployment");
        }
    }

    @Test
    void composeRunsExactlyTheSixServices() {
        assertThat(composeBerthServices().keySet())
                .as("docker-compose.yml services other than %s", INFRASTRUCTURE)
                .containsExactlyInAnyOrderElementsOf(SERVICE_PORTS.keySet());
    }

    @Test
    void k8sDeploysExactlyTheSixServices() {
        assertThat(deployments().keySet())
                .as("Deployments in k8s/")
                .containsExactlyInAnyOrderElementsOf(SERVICE_PORTS.keySet());
    }

    @Test
    void eachServiceReadsTheSameEnvironmentKeysInComposeAndK8s() {
        for (String name : SERVICE_PORTS.keySet()) {
            Set<String> composeNames = composeEnv(composeService(name)).keySet();

            assertThat(composeNames).as("environment of %s in docker-compose.yml", name).isNotEmpty();
            assertThat(k8sEnvNames(deployment(name)))
                    .as("environment variable names of %s in k8s (env + envFrom ConfigMaps), "
                            + "compared with docker-compose.yml", name)
                    .containsExactlyInAnyOrderElementsOf(composeNames);
        }
    }

    @Test
    void composeAndK8sStartTheServicesWithTheFootprintSettingsOfTheLocalStack() {
        Map<String, String> expected = new TreeMap<>(StackSettings.footprintEnvironment(Map.of()));
        expected.put("JAVA_OPTS_APPEND", StackSettings.DEFAULT_JAVA_OPTIONS);
        Pattern defaulted = Pattern.compile("\\$\\{[A-Z_]+:-(.*)}");
        for (Map.Entry<String, Map<String, Object>> service : composeBerthServices().entrySet()) {
            Map<String, String> env = composeEnv(service.getValue());
            expected.forEach((key, value) -> {
                String given = String.valueOf(env.get(key));
                Matcher m = defaulted.matcher(given);
                assertThat(m.matches() ? m.group(1) : given).as("%s of %s in docker-compose.yml", key,
                        service.getKey()).isEqualTo(value);
            });
        }
        Object config = at(manifestsOfKind("ConfigMap").get("berth-config"), "data");
        expected.forEach((key, value) -> assertThat(String.valueOf(at(config, key)))
                .as("%s in k8s/berth-config.yaml", key).isEqualTo(value));
    }

    @Test
    void composeAndK8sGiveEachServiceItsOwnFlagsOfTheLocalStack() {
        // StackSettings.SERVICE_JAVA_OPTIONS, as JAVA_OPTS_SERVICE (after JAVA_OPTS_APPEND in the image's command).
        for (String name : SERVICE_PORTS.keySet()) {
            String own = StackSettings.SERVICE_JAVA_OPTIONS.get(name);
            assertThat(composeEnv(composeService(name)).get("JAVA_OPTS_SERVICE"))
                    .as("JAVA_OPTS_SERVICE of %s in docker-compose.yml", name).isEqualTo(own);
            assertThat(k8sEnvValue(deployment(name), "JAVA_OPTS_SERVICE"))
                    .as("JAVA_OPTS_SERVICE of %s in k8s/%s.yaml", name, name).isEqualTo(own);
        }
        assertThat(read(ROOT.resolve("docker/service.Dockerfile")))
                .contains("$JAVA_OPTS_APPEND $JAVA_OPTS_SERVICE -jar");
    }

    @Test
    void eachServiceHasItsOwnDatabaseTheSameInComposeAndK8s() {
        Set<String> databases = new TreeSet<>();
        for (String name : SERVICE_PORTS.keySet()) {
            String composeUrl = composeEnv(composeService(name)).get("BERTH_DB_URL");
            assertThat(composeUrl).as("docker-compose.yml %s: BERTH_DB_URL", name).isNotNull();
            assertThat(k8sEnvValue(deployment(name), "BERTH_DB_URL"))
                    .as("k8s %s: BERTH_DB_URL, compared with docker-compose.yml", name)
                    .isEqualTo(composeUrl);
            String database = databaseName(composeUrl);
            assertThat(databases.add(database))
                    .as("%s: database %s is not shared with another service", name, database)
                    .isTrue();
        }
    }

    @Test
    void bothInitScriptsCreateEveryServiceDatabase() {
        String composeScript = composeInitScript();
        String k8sScript = String.join("\n", keysAndValues(at(
                manifestsOfKind("ConfigMap").get(POSTGRES_INIT_CONFIG_MAP), "data")).values());
        composeBerthServices().forEach((name, service) -> {
            String database = databaseName(composeEnv(service).get("BERTH_DB_URL"));
            Pattern create =
                    Pattern.compile("(?i)CREATE\\s+DATABASE\\s+" + Pattern.quote(database) + "\\b");
            assertThat(composeScript)
                    .as("the init script docker-compose.yml mounts for postgres creates %s", database)
                    .containsPattern(create);
            assertThat(k8sScript)
                    .as("ConfigMap %s creates %s", POSTGRES_INIT_CONFIG_MAP, database)
                    .containsPattern(create);
        });
    }

    @Test
    void k8sContainersProbeTheQuarkusHealthEndpoints() {
        deployments().forEach((name, deployment) -> {
            for (Object container : containers(deployment)) {
                String where = name + " container " + at(container, "name");
                assertThat(at(container, "readinessProbe", "httpGet", "path"))
                        .as("%s: readinessProbe.httpGet.path", where)
                        .isEqualTo("/q/health/ready");
                assertThat(at(container, "livenessProbe", "httpGet", "path"))
                        .as("%s: livenessProbe.httpGet.path", where)
                        .isEqualTo("/q/health/live");
            }
        });
    }

    @Test
    void k8sContainersHaveResourceLimits() {
        deployments().forEach((name, deployment) -> {
            for (Object container : containers(deployment)) {
                assertThat(keys(at(container, "resources", "limits")))
                        .as("%s container %s: resources.limits", name, at(container, "name"))
                        .contains("cpu", "memory");
            }
        });
    }

    @Test
    void everyComposeServiceHasAHealthcheck() {
        composeServices().forEach((name, service) -> {
            assertThat(at(service, "healthcheck", "test"))
                    .as("docker-compose.yml %s: healthcheck.test", name)
                    .isNotNull();
            assertThat(at(service, "healthcheck", "disable"))
                    .as("docker-compose.yml %s: healthcheck.disable", name)
                    .isNotEqualTo(Boolean.TRUE);
        });
    }

    @Test
    void composeServicesAreHealthyWhenTheirOwnPortIsReady() {
        composeBerthServices().forEach((name, service) -> {
            String url = "localhost:" + SERVICE_PORTS.get(name) + "/q/health/ready";
            assertThat(String.valueOf(at(service, "healthcheck", "test")))
                    .as("docker-compose.yml %s: healthcheck.test asks its own port for readiness", name)
                    .contains(url);
        });
    }

    @Test
    void everyComposeServiceHasResourceLimits() {
        composeServices().forEach((name, service) ->
                assertThat(keys(at(service, "deploy", "resources", "limits")))
                        .as("docker-compose.yml %s: deploy.resources.limits", name)
                        .contains("cpus", "memory"));
    }

    @Test
    void composeServicesWaitForHealthyKafkaAndPostgres() {
        composeBerthServices().forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            assertThat(dependsOn)
                    .as("docker-compose.yml %s: depends_on is a mapping with conditions", name)
                    .isInstanceOf(Map.class);
            assertThat(keys(dependsOn))
                    .as("docker-compose.yml %s: depends_on", name)
                    .containsAll(INFRASTRUCTURE);
            for (String dependency : keys(dependsOn)) {
                assertThat(at(dependsOn, dependency, "condition"))
                        .as("docker-compose.yml %s: depends_on %s condition", name, dependency)
                        .isEqualTo("service_healthy");
            }
        });
    }

    @Test
    void composeGatewayWaitsForTheOtherServices() {
        Set<String> others = new TreeSet<>(SERVICE_PORTS.keySet());
        others.remove("api-gateway");

        assertThat(keys(at(composeService("api-gateway"), "depends_on")))
                .as("docker-compose.yml api-gateway: depends_on")
                .containsAll(others);
    }

    @Test
    void everyKustomizationResourceExists() {
        for (String resource : kustomizationResources()) {
            assertThat(K8S.resolve(resource))
                    .as("resource %s listed in k8s/%s", resource, KUSTOMIZATION)
                    .exists();
        }
    }

    @Test
    void kustomizationAppliesEveryManifestButTheExampleSecrets() {
        List<String> expected = k8sYamlFiles().stream()
                .map(file -> file.getFileName().toString())
                .filter(file -> !file.equals(KUSTOMIZATION) && !file.endsWith(EXAMPLE_SUFFIX))
                .toList();

        assertThat(kustomizationResources())
                .as("resources of k8s/%s (every manifest once, never a *%s)", KUSTOMIZATION, EXAMPLE_SUFFIX)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void dbPasswordIsAlwaysASecretReference() {
        int references = 0;
        for (Map<String, Object> manifest : k8sManifests()) {
            String where = manifest.get("kind") + " " + at(manifest, "metadata", "name");
            if ("ConfigMap".equals(manifest.get("kind"))) {
                assertThat(keys(manifest.get("data")))
                        .as("%s must not carry BERTH_DB_PASSWORD", where)
                        .doesNotContain("BERTH_DB_PASSWORD");
            }
            for (Object container : containers(manifest)) {
                for (Object variable : list(at(container, "env"))) {
                    if (!"BERTH_DB_PASSWORD".equals(at(variable, "name"))) {
                        continue;
                    }
                    references++;
                    assertThat(at(variable, "value"))
                            .as("%s: BERTH_DB_PASSWORD must not have a literal value", where)
                            .isNull();
                    assertThat(keys(at(variable, "valueFrom", "secretKeyRef")))
                            .as("%s: BERTH_DB_PASSWORD valueFrom.secretKeyRef", where)
                            .contains("name", "key");
                }
            }
        }
        assertThat(references)
                .as("BERTH_DB_PASSWORD entries in k8s/ (one per service at least)")
                .isGreaterThanOrEqualTo(SERVICE_PORTS.size());
    }

    @Test
    void brokersCreateTopicsWithThePartitionCountOfTheEventContract() {
        String expected = String.valueOf(io.berth.events.Topic.DEFAULT_PARTITIONS);
        assertThat(composeEnv(composeService("kafka")).get("KAFKA_NUM_PARTITIONS"))
                .as("docker-compose.yml kafka KAFKA_NUM_PARTITIONS").isEqualTo(expected);
        Map<String, Object> kafka = manifestsOfKind("StatefulSet").get("kafka");
        assertThat(kafka).as("k8s StatefulSet kafka").isNotNull();
        assertThat(k8sEnvValue(kafka, "KAFKA_NUM_PARTITIONS"))
                .as("k8s kafka KAFKA_NUM_PARTITIONS").isEqualTo(expected);
    }

    // --- docker-compose.yml

    private static Map<String, Map<String, Object>> composeServices() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        Object node = at(loadSingle(COMPOSE), "services");
        for (String name : keys(node)) {
            services.put(name, map(at(node, name), "docker-compose.yml service " + name));
        }
        return services;
    }

    private static Map<String, Object> composeService(String name) {
        Map<String, Map<String, Object>> services = composeServices();
        assertThat(services).as("docker-compose.yml services").containsKey(name);
        return services.get(name);
    }

    private static Map<String, Map<String, Object>> composeBerthServices() {
        Map<String, Map<String, Object>> services = composeServices();
        services.keySet().removeAll(INFRASTRUCTURE);
        return services;
    }

    /** Compose accepts both {@code KEY: value} and {@code - KEY=value}; a bare {@code - KEY} has no value. */
    private static Map<String, String> composeEnv(Map<String, Object> service) {
        Object environment = service.get("environment");
        if (!(environment instanceof List)) {
            return keysAndValues(environment);
        }
        Map<String, String> variables = new TreeMap<>();
        for (Object entry : (List<?>) environment) {
            String[] nameAndValue = String.valueOf(entry).split("=", 2);
            variables.put(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : null);
        }
        return variables;
    }

    /** The script that postgres' volumes mount into /docker-entrypoint-initdb.d. */
    private static String composeInitScript() {
        for (Object volume : list(at(composeService("postgres"), "volumes"))) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts.length > 1 && parts[1].startsWith("/docker-entrypoint-initdb.d")) {
                return read(ROOT.resolve(parts[0]));
            }
        }
        throw new AssertionError(
                "docker-compose.yml postgres mounts no script into /docker-entrypoint-initdb.d");
    }

    private static String databaseName(String jdbcUrl) {
        assertThat(jdbcUrl).as("a BERTH_DB_URL").isNotNull();
        return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    }

    // --- k8s/

    private static List<Path> k8sYamlFiles() {
        try (Stream<Path> files = Files.list(K8S)) {
            return files.filter(file -> file.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + K8S, e);
        }
    }

    /** Every document of every manifest, the kustomization aside. */
    private static List<Map<String, Object>> k8sManifests() {
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Path file : k8sYamlFiles()) {
            if (file.getFileName().toString().equals(KUSTOMIZATION)) {
                continue;
            }
            for (Object document : loadAll(file)) {
                manifests.add(map(document, "a document in " + file.getFileName()));
            }
        }
        return manifests;
    }

    private static Map<String, Map<String, Object>> manifestsOfKind(String kind) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> manifest : k8sManifests()) {
            if (kind.equals(manifest.get("kind"))) {
                byName.put(String.valueOf(at(manifest, "metadata", "name")), manifest);
            }
        }
        return byName;
    }

    private static Map<String, Map<String, Object>> deployments() {
        return manifestsOfKind("Deployment");
    }

    private static Map<String, Object> deployment(String name) {
        Map<String, Map<String, Object>> deployments = deployments();
        assertThat(deployments).as("k8s Deployments").containsKey(name);
        return deployments.get(name);
    }

    private static List<String> kustomizationResources() {
        return list(at(loadSingle(K8S.resolve(KUSTOMIZATION)), "resources")).stream()
                .map(Object::toString)
                .toList();
    }

    /** The containers and init containers of a workload's pod template; none for other kinds. */
    private static List<Object> containers(Map<String, Object> manifest) {
        Object podSpec = at(manifest, "spec", "template", "spec");
        List<Object> containers = new ArrayList<>(list(at(podSpec, "containers")));
        containers.addAll(list(at(podSpec, "initContainers")));
        return containers;
    }

    /** The container named after its Deployment: the service itself, not a sidecar. */
    private static Object serviceContainer(Map<String, Object> deployment) {
        String name = String.valueOf(at(deployment, "metadata", "name"));
        Object container = containers(deployment).stream()
                .filter(candidate -> name.equals(at(candidate, "name")))
                .findFirst()
                .orElse(null);
        assertThat(container).as("Deployment %s has a container named %s", name, name).isNotNull();
        return container;
    }

    /** The literal value of a variable in the service container's env, or null. */
    private static Object k8sEnvValue(Map<String, Object> deployment, String variableName) {
        for (Object variable : list(at(serviceContainer(deployment), "env"))) {
            if (variableName.equals(at(variable, "name"))) {
                return at(variable, "value");
            }
        }
        return null;
    }

    /** The names a Deployment's service container sees: its env plus the keys of envFrom ConfigMaps. */
    private static Set<String> k8sEnvNames(Map<String, Object> deployment) {
        String name = String.valueOf(at(deployment, "metadata", "name"));
        Object container = serviceContainer(deployment);
        Map<String, Map<String, Object>> configMaps = manifestsOfKind("ConfigMap");
        Set<String> names = new TreeSet<>();
        for (Object variable : list(at(container, "env"))) {
            names.add(String.valueOf(at(variable, "name")));
        }
        for (Object source : list(at(container, "envFrom"))) {
            Object configMapName = at(source, "configMapRef", "name");
            assertThat(configMapName)
                    .as("Deployment %s: envFrom %s is a configMapRef (secrets go in env by secretKeyRef)",
                            name, source)
                    .isNotNull();
            assertThat(configMaps)
                    .as("ConfigMap %s used by Deployment %s is defined in k8s/", configMapName, name)
                    .containsKey(String.valueOf(configMapName));
            Object prefix = at(source, "prefix");
            for (String key : keys(at(configMaps.get(String.valueOf(configMapName)), "data"))) {
                names.add(prefix == null ? key : prefix + key);
            }
        }
        return names;
    }

    // --- files and YAML

    private static void assertIsModule(String name, String what) {
        assertThat(ROOT.resolve(name).resolve("pom.xml"))
                .as("%s %s is a Maven module at the repository root", what, name)
                .isRegularFile();
    }

    private static String read(Path file) {
        assertThat(file).as("file %s", file).isRegularFile();
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Object loadSingle(Path file) {
        List<Object> documents = loadAll(file);
        assertThat(documents).as("documents in %s", file).hasSize(1);
        return documents.get(0);
    }

    private static List<Object> loadAll(Path file) {
        List<Object> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document != null) {
                    documents.add(document);
                }
            }
        } catch (IOException | YAMLException e) {
            throw new AssertionError(file + " cannot be read as YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    /** The node at the path of mapping keys, or null where the path does not exist. */
    private static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<?, ?>) current).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String what) {
        assertThat(node).as("%s is a mapping", what).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static List<?> list(Object node) {
        if (node == null) {
            return List.of();
        }
        assertThat(node).as("%s is a list", node).isInstanceOf(List.class);
        return (List<?>) node;
    }

    /** A mapping's entries as strings; empty for anything else. */
    private static Map<String, String> keysAndValues(Object node) {
        Map<String, String> entries = new TreeMap<>();
        if (node instanceof Map) {
            ((Map<?, ?>) node).forEach((key, value) ->
                    entries.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
        }
        return entries;
    }

    private static Set<String> keys(Object node) {
        return keysAndValues(node).keySet();
    }
}
