package io.berth.scheduler.task;

import io.berth.events.Shapes.Eni;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * The network interface a Fargate task gets. Berth has no VPC, so each subnet id stands for a
 * {@code /16} of {@code 10.0.0.0/8} derived from the id, in one availability zone of the region
 * derived from it too; a task's address is the first free one from a point derived from the task,
 * skipping the five addresses AWS reserves in every subnet. The same task and subnets give the same
 * interface, so deciding again places the same way. Pure.
 */
public final class Enis {

    /** Addresses per subnet: a {@code /16} less network, the three AWS keeps and broadcast. */
    static final int HOSTS = 65_536;
    private static final int FIRST_HOST = 4;
    private static final String ZONES = "abc";

    private Enis() {
    }

    /**
     * The interface of {@code taskArn} in one of {@code subnets} (chosen by the task, spreading tasks
     * over them), at the first address from a point of the task's that {@code claim} grants.
     *
     * @param claim takes a subnet and an address, and answers whether the address was free and is now the task's
     * @throws IllegalStateException when the chosen subnet has no free address left
     */
    public static Eni allocate(String taskArn, List<String> subnets, String region,
            BiPredicate<String, String> claim) {
        byte[] digest = sha256(taskArn);
        String subnet = subnets.get(Math.floorMod(digest[0] & 0xff | (digest[1] & 0xff) << 8, subnets.size()));
        int start = (digest[2] & 0xff) << 8 | digest[3] & 0xff;
        for (int i = 0; i < HOSTS; i++) {
            int host = (start + i) % HOSTS;
            if (host < FIRST_HOST || host == HOSTS - 1) {
                continue;
            }
            String address = address(subnet, host);
            if (claim.test(subnet, address)) {
                return new Eni(UUID.nameUUIDFromBytes(digest).toString(), "eni-" + HexFormat.of().formatHex(digest, 4,
                        13).substring(0, 17), subnet, address, mac(digest), "ip-" + address.replace('.', '-') + "."
                        + region + ".compute.internal");
            }
        }
        throw new IllegalStateException("No free address is left in " + subnet);
    }

    /** The availability zone a subnet is in. */
    public static String zone(String subnet, String region) {
        return region + ZONES.charAt(Math.floorMod(sha256(subnet)[1], ZONES.length()));
    }

    private static String address(String subnet, int host) {
        return "10." + (sha256(subnet)[0] & 0xff) + "." + (host >> 8) + "." + (host & 0xff);
    }

    /** A locally administered unicast MAC, as EC2's ENIs have ({@code 02:…} or {@code 0a:…}-style). */
    private static String mac(byte[] digest) {
        StringBuilder mac = new StringBuilder("0a");
        for (int i = 13; i < 18; i++) {
            mac.append(':').append(HexFormat.of().toHexDigits(digest[i]));
        }
        return mac.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
