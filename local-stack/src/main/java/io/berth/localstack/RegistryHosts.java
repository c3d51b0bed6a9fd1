package io.berth.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes ECR's registry host names ({@code <account>.dkr.ecr.<region>.amazonaws.com}) reach the
 * local registry for podman, skopeo and buildah: a {@code registries.conf} that sends every
 * account's registry in the common regions to {@code localhost:8085}, over plain HTTP. Podman
 * rewrites names for pulls only: pushes go to {@code localhost:8085} itself. Use it with
 * {@code CONTAINERS_REGISTRIES_CONF}, or copy its entries into {@code /etc/containers/registries.conf}.
 */
public final class RegistryHosts {

    /** The registry-service's port at {@code BERTH_PORT_OFFSET} 0. */
    public static final int PORT = 8085;
    /** The regions whose ECR host names the file maps; each line covers every account of one region. */
    static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1",
            "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-northeast-1", "ap-northeast-2",
            "ap-southeast-1", "ap-southeast-2", "ap-south-1", "ca-central-1", "sa-east-1");

    private RegistryHosts() {
    }

    public static String registriesConf(String location) {
        StringBuilder conf = new StringBuilder("# Written by ./berth up: ECR registry host names go to Berth's registry.\n"
                + "# podman: export CONTAINERS_REGISTRIES_CONF=<this file>; log in to " + location + " (the location,\n"
                + "# whose credentials podman uses for these names): aws ecr get-login-password | podman login\n"
                + "# --username AWS --password-stdin --tls-verify=false " + location + "\n"
                + "# Pulls of ECR names are rewritten to " + location + "; pushes go to " + location + " itself.\n");
        for (String region : REGIONS) {
            conf.append("\n[[registry]]\nprefix = \"*.dkr.ecr.").append(region).append(".amazonaws.com\"\n")
                    .append("location = \"").append(location).append("\"\ninsecure = true\n");
        }
        return conf.toString();
    }

    /** Writes {@code registries.conf} into the stack's home, the names sent to {@code location}; returns its path. */
    public static Path write(Path home, String location) {
        Path file = home.resolve("registries.conf");
        try {
            Files.writeString(file, registriesConf(location));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
