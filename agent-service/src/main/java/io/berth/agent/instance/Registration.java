package io.berth.agent.instance;

import io.berth.agent.runtime.InstanceTypes;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Tags;
import io.berth.events.Shapes.Attribute;
import io.berth.events.Shapes.Resource;
import io.berth.events.Shapes.Tag;
import io.berth.events.Shapes.VersionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A RegisterContainerInstance request as ECS reads it (ADR 0023). The instance's attributes are
 * exactly what its agent reported plus what ECS derives from the identity document: a real agent
 * reports some fifty built-in names ({@code com.amazonaws.ecs.capability.*}, {@code ecs.capability.*},
 * {@code ecs.os-type}, ...), which never count toward the ten custom attributes. Its resources are
 * what the agent reported; a client that reports none (or no CPU or MEMORY) gets what an agent on
 * the document's instance type would report, with the agent's default reserved ports.
 */
record Registration(IdentityDocument document, List<Resource> resources, List<Attribute> attributes,
        VersionInfo versionInfo, List<Tag> tags, Optional<String> clientToken) {

    /** The ports an ECS agent reserves on every instance: SSH, the Docker daemon, the agent's own. */
    static final List<String> DEFAULT_RESERVED_PORTS = List.of("22", "2375", "2376", "51678", "51679");
    static final int MAX_RESERVED_PORTS = 100;
    /** What the agent names the attribute of an external (ECS Anywhere) instance. */
    static final String EXTERNAL = "ecs.capability.external";
    private static final Pattern CLIENT_TOKEN = Pattern.compile("[\\x21-\\x7e]{1,36}");

    static Registration of(EcsRequest request) {
        IdentityDocument document = IdentityDocument.parse(request.string("instanceIdentityDocument").orElse(null));
        Optional<String> token = request.string("clientToken").filter(t -> !t.isEmpty());
        if (token.isPresent() && !CLIENT_TOKEN.matcher(token.get()).matches()) {
            throw EcsErrors.invalidParameter("clientToken can have up to 36 ASCII characters from ! to ~.");
        }
        return new Registration(document, resources(request, document), attributes(request, document),
                versionInfo(request), Tags.parse(request, "tags"), token);
    }

    /** Whether the agent registers an external instance (ECS Anywhere), whose id is a managed instance id. */
    boolean external() {
        return attributes.stream().anyMatch(a -> EXTERNAL.equals(a.name()));
    }

    private static List<Attribute> attributes(EcsRequest request, IdentityDocument document) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (document.imageId() != null) {
            attributes.put("ecs.ami-id", document.imageId());
        }
        if (document.instanceType() != null) {
            attributes.put("ecs.instance-type", document.instanceType());
        }
        if (document.availabilityZone() != null) {
            attributes.put("ecs.availability-zone", document.availabilityZone());
        }
        if (document.architecture() != null) {
            attributes.put("ecs.cpu-architecture", document.architecture());
        }
        // The agent checks that the answer holds every attribute it sent with the value it sent.
        for (EcsRequest reported : request.objects("attributes")) {
            String name = reported.requiredString("name");
            String value = reported.string("value").orElse(null);
            AttributeRules.checkName(name);
            AttributeRules.checkValue(name, value);
            attributes.put(name, value);
        }
        List<Attribute> list = new ArrayList<>();
        attributes.forEach((name, value) -> list.add(new Attribute(name, value, null, null)));
        AttributeRules.checkLimit(list);
        return list;
    }

    private static List<Resource> resources(EcsRequest request, IdentityDocument document) {
        Map<String, Resource> reported = new LinkedHashMap<>();
        for (EcsRequest item : request.objects("totalResources")) {
            String name = item.requiredString("name");
            String type = item.string("type").orElse(name.startsWith("PORTS") ? "STRINGSET" : "INTEGER");
            Long integer = item.integer("integerValue").map(Integer::longValue).orElse(null);
            List<String> set = item.has("stringSetValue") ? item.strings("stringSetValue") : null;
            reported.put(name, new Resource(name, type, integer, set));
        }
        Map<String, Resource> resources = new LinkedHashMap<>();
        resources.put("CPU", null);
        resources.put("MEMORY", null);
        resources.put("PORTS", new Resource("PORTS", "STRINGSET", null, DEFAULT_RESERVED_PORTS));
        resources.put("PORTS_UDP", new Resource("PORTS_UDP", "STRINGSET", null, List.of()));
        if (!reported.containsKey("CPU") || !reported.containsKey("MEMORY")) {
            InstanceTypes.InstanceType type = document.type().flatMap(InstanceTypes::lookup).orElseThrow(() ->
                    EcsErrors.invalidParameter(document.type().map(t -> "totalResources must include CPU and MEMORY:"
                            + " Berth does not know the size of instance type " + t + ".").orElse("totalResources"
                            + " must include CPU and MEMORY, or instanceIdentityDocument must name the instanceType.")));
            resources.put("CPU", new Resource("CPU", "INTEGER", (long) type.registeredCpu(), null));
            resources.put("MEMORY", new Resource("MEMORY", "INTEGER", (long) type.registeredMemory(), null));
        }
        resources.putAll(reported);
        checkPorts(resources.get("PORTS"));
        checkPorts(resources.get("PORTS_UDP"));
        return List.copyOf(resources.values());
    }

    private static void checkPorts(Resource ports) {
        List<String> values = ports.stringSetValue() == null ? List.of() : ports.stringSetValue();
        if (values.size() > MAX_RESERVED_PORTS) {
            throw EcsErrors.invalidParameter("totalResources " + ports.name() + " can reserve at most "
                    + MAX_RESERVED_PORTS + " ports.");
        }
        for (String port : values) {
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw EcsErrors.invalidParameter("totalResources " + ports.name() + " must hold port numbers from 1"
                        + " to 65535, not '" + port + "'.");
            }
        }
    }

    private static VersionInfo versionInfo(EcsRequest request) {
        return request.object("versionInfo").map(v -> new VersionInfo(v.string("agentVersion").orElse(null),
                v.string("agentHash").orElse(null), v.string("dockerVersion").orElse(null))).orElse(null);
    }
}
