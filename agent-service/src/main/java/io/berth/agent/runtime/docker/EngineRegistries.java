package io.berth.agent.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where an engine really goes for a registry. Podman's {@code registries.conf} may send a registry (a host, a
 * repository namespace, or with {@code *.domain} every host of a domain) to another location and to mirrors: the
 * local stack sends ECR's host names to Berth's registry so. The longest matching prefix decides, as in
 * containers/image. Docker rewrites nothing: {@link #NONE}.
 */
public record EngineRegistries(List<Entry> entries) {

    public static final EngineRegistries NONE = new EngineRegistries(List.of());

    /** One {@code [[registry]]} table: its prefix, its location (null when it is the prefix) and its mirrors. */
    public record Entry(String prefix, String location, List<String> mirrors) {

        public Entry {
            mirrors = List.copyOf(mirrors);
        }

        boolean matches(String repository) {
            if (prefix.startsWith("*.")) {
                return host(repository).endsWith(prefix.substring(1));
            }
            return repository.equals(prefix) || repository.startsWith(prefix + "/");
        }
    }

    public EngineRegistries {
        entries = List.copyOf(entries);
    }

    /** The {@code registries} member of Podman's {@code /libpod/info}: one object per registry table, by prefix. */
    public static EngineRegistries fromPodmanInfo(JsonNode registries) {
        List<Entry> entries = new ArrayList<>();
        registries.fields().forEachRemaining(field -> {
            JsonNode table = field.getValue();
            if (table.isObject()) {
                List<String> mirrors = new ArrayList<>();
                table.path("Mirrors").forEach(mirror -> mirrors.add(mirror.path("Location").asText()));
                String location = table.path("Location").asText("");
                entries.add(new Entry(table.path("Prefix").asText(field.getKey()), location.isEmpty() ? null
                        : location, mirrors));
            }
        });
        return new EngineRegistries(entries);
    }

    /**
     * The registries (host and port) the engine contacts for {@code repository} (a reference without tag or
     * digest, its registry first) other than the registry it names: empty when nothing rewrites it.
     */
    public List<String> endpointsFor(String repository) {
        Optional<Entry> entry = entries.stream().filter(e -> e.matches(repository))
                .max(Comparator.comparingInt(e -> e.prefix().length()));
        if (entry.isEmpty()) {
            return List.of();
        }
        Set<String> endpoints = new LinkedHashSet<>();
        entry.get().mirrors().forEach(mirror -> endpoints.add(host(mirror)));
        if (entry.get().location() != null) {
            endpoints.add(host(entry.get().location()));
        }
        endpoints.remove(host(repository));
        return List.copyOf(endpoints);
    }

    private static String host(String reference) {
        int slash = reference.indexOf('/');
        return slash < 0 ? reference : reference.substring(0, slash);
    }
}
