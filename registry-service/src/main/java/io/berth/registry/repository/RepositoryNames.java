package io.berth.registry.repository;

import io.berth.ecs.Caller;
import io.berth.ecs.EcrHosts;
import io.berth.registry.EcrErrors;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ECR's names: repository names (lower case, {@code /} namespaces), repository ARNs and URIs (the
 * registry host names are {@link EcrHosts}').
 */
public final class RepositoryNames {

    /** The repository name pattern of the ECR service model. */
    private static final String MODEL_PATTERN =
            "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*";
    private static final Pattern NAME = Pattern.compile(MODEL_PATTERN);
    private static final Pattern ARN = Pattern.compile("arn:aws:ecr:([a-z0-9-]+):(\\d{12}):repository/(.+)");

    private RepositoryNames() {
    }

    public static boolean isValid(String name) {
        return name != null && name.length() >= 2 && name.length() <= 256 && NAME.matcher(name).matches();
    }

    /** {@code name}, if ECR accepts it; InvalidParameterException naming the pattern otherwise. */
    public static String require(String name) {
        if (name == null || name.isEmpty()) {
            throw EcrErrors.missing("repositoryName");
        }
        if (name.length() < 2 || name.length() > 256) {
            throw EcrErrors.invalidParameter("repositoryName", "Member must have length between 2 and 256");
        }
        if (!NAME.matcher(name).matches()) {
            throw EcrErrors.invalidParameter("repositoryName", "must satisfy regular expression '" + MODEL_PATTERN
                    + "'");
        }
        return name;
    }

    public static String arn(Caller caller, String name) {
        return "arn:aws:ecr:" + caller.region() + ":" + caller.account() + ":repository/" + name;
    }

    /**
     * The registry a request acts in: the caller's. A {@code registryId} may name it; Berth keeps
     * no cross-account access, so another account's registry is refused.
     */
    public static Caller registryOf(Caller caller, io.berth.ecs.EcsRequest request) {
        Optional<String> registryId = request.string("registryId");
        if (registryId.isPresent() && !registryId.get().matches("\\d{12}")) {
            throw EcrErrors.invalidParameter("registryId", "must satisfy regular expression '[0-9]{12}'");
        }
        if (registryId.isPresent() && !registryId.get().equals(caller.account())) {
            throw EcrErrors.invalidParameter("registryId", "Berth serves only the caller's own registry ("
                    + caller.account() + ")");
        }
        return caller;
    }

    public static String uri(Caller caller, String name) {
        return EcrHosts.of(caller) + "/" + name;
    }

    /** The caller and repository name an ECR repository ARN names. */
    public static Optional<Named> parseArn(String arn) {
        Matcher matcher = arn == null ? null : ARN.matcher(arn);
        if (matcher == null || !matcher.matches() || !isValid(matcher.group(3))) {
            return Optional.empty();
        }
        return Optional.of(new Named(Caller.of(matcher.group(2), matcher.group(1)), matcher.group(3)));
    }

    public record Named(Caller caller, String name) {
    }
}
