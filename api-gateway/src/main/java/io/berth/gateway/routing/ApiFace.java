package io.berth.gateway.routing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One AWS JSON 1.1 API the gateway serves on {@code POST /}: the {@code X-Amz-Target} prefix that
 * selects it, every operation of its service model, the owner that answers each operation Berth
 * implements (on {@code POST <internalPath><Operation>}), and how its errors are spelled. Adding an
 * API is adding one of these to {@link ApiFaces}.
 *
 * @param protocol the name the request log records (e.g. {@code ecs})
 * @param title how error messages name the API (e.g. {@code ECS})
 * @param operations every operation of the service model; any other is UnknownOperationException
 * @param owners the operations Berth implements, with the service that answers each
 */
public record ApiFace(String protocol, String title, String targetPrefix, Set<String> operations,
        Map<String, Owner> owners, String internalPath, ErrorFormat errors) {

    /**
     * How an API spells its errors: the member holding the message (ECS and ECR {@code message},
     * Application Auto Scaling {@code Message}) and the code of a server-side failure.
     */
    public record ErrorFormat(String messageMember, String serverErrorCode) {
    }

    public ApiFace {
        operations = Set.copyOf(operations);
        owners = Map.copyOf(owners);
        if (!operations.containsAll(owners.keySet())) {
            throw new IllegalArgumentException("Owned operations outside the " + title + " model: " + owners.keySet());
        }
    }

    public boolean selects(String target) {
        return target != null && target.startsWith(targetPrefix);
    }

    /** The operation a target names, if it is one of this API's. */
    public Optional<String> operationOf(String target) {
        if (!selects(target)) {
            return Optional.empty();
        }
        String operation = target.substring(targetPrefix.length());
        return operations.contains(operation) ? Optional.of(operation) : Optional.empty();
    }

    /** The owner of an operation Berth implements; empty for one it does not implement yet. */
    public Optional<Owner> ownerOf(String operation) {
        return Optional.ofNullable(owners.get(operation));
    }

    public boolean implemented(String operation) {
        return owners.containsKey(operation);
    }

    /** Every operation of {@code names} answered by {@code owner}: how the tables below are written. */
    static Map<String, Owner> ownedBy(Owner owner, Set<String> names) {
        Map<String, Owner> owned = new java.util.LinkedHashMap<>();
        names.forEach(name -> owned.put(name, owner));
        return owned;
    }
}
