package io.berth.agent.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A catalogue of real EC2 instance types, for node agents that pretend to be one: what each has and what an ECS
 * agent on it would register.
 */
public final class InstanceTypes {

    /**
     * One instance type: its vCPUs, its memory in MiB and its {@code ecs.cpu-architecture} ({@code x86_64} or
     * {@code arm64}).
     */
    public record InstanceType(String name, int vcpus, int memoryMiB, String architecture) {

        /** ECS counts 1,024 CPU units per vCPU. */
        public int registeredCpu() {
            return vcpus * 1024;
        }

        /**
         * The memory an ECS agent would register: all of it but a 5 % reserve, rounded up to a whole MiB, for the
         * kernel, the operating system and the agent (AWS recommends keeping about 5 % for them, and the
         * ECS-optimized AMI registers a few percent less than the installed memory).
         */
        public int registeredMemory() {
            return memoryMiB - (memoryMiB + 19) / 20;
        }
    }

    private static final String X86_64 = "x86_64";
    private static final String ARM64 = "arm64";

    private static final Map<String, InstanceType> CATALOGUE = catalogue(
            new InstanceType("t3.nano", 2, 512, X86_64),
            new InstanceType("t3.micro", 2, 1024, X86_64),
            new InstanceType("t3.small", 2, 2048, X86_64),
            new InstanceType("t3.medium", 2, 4096, X86_64),
            new InstanceType("t3.large", 2, 8192, X86_64),
            new InstanceType("t3.xlarge", 4, 16384, X86_64),
            new InstanceType("t3.2xlarge", 8, 32768, X86_64),
            new InstanceType("m5.large", 2, 8192, X86_64),
            new InstanceType("m5.xlarge", 4, 16384, X86_64),
            new InstanceType("m5.2xlarge", 8, 32768, X86_64),
            new InstanceType("m5.4xlarge", 16, 65536, X86_64),
            new InstanceType("c5.large", 2, 4096, X86_64),
            new InstanceType("c5.xlarge", 4, 8192, X86_64),
            new InstanceType("c5.2xlarge", 8, 16384, X86_64),
            new InstanceType("r5.large", 2, 16384, X86_64),
            new InstanceType("r5.xlarge", 4, 32768, X86_64),
            new InstanceType("m6g.large", 2, 8192, ARM64),
            new InstanceType("c6g.xlarge", 4, 8192, ARM64),
            new InstanceType("m7i.large", 2, 8192, X86_64),
            // Types clients name in identity documents without totalResources (m1.small is moto's default).
            new InstanceType("m1.small", 1, 1740, X86_64),
            new InstanceType("t2.nano", 1, 512, X86_64),
            new InstanceType("t2.micro", 1, 1024, X86_64),
            new InstanceType("t2.small", 1, 2048, X86_64),
            new InstanceType("t2.medium", 2, 4096, X86_64),
            new InstanceType("t2.large", 2, 8192, X86_64),
            new InstanceType("t2.xlarge", 4, 16384, X86_64),
            new InstanceType("t3a.micro", 2, 1024, X86_64),
            new InstanceType("t3a.small", 2, 2048, X86_64),
            new InstanceType("t3a.medium", 2, 4096, X86_64),
            new InstanceType("t3a.large", 2, 8192, X86_64),
            new InstanceType("t4g.micro", 2, 1024, ARM64),
            new InstanceType("t4g.small", 2, 2048, ARM64),
            new InstanceType("t4g.medium", 2, 4096, ARM64),
            new InstanceType("t4g.large", 2, 8192, ARM64),
            new InstanceType("m4.large", 2, 8192, X86_64),
            new InstanceType("m5a.large", 2, 8192, X86_64),
            new InstanceType("m6i.large", 2, 8192, X86_64),
            new InstanceType("m6i.xlarge", 4, 16384, X86_64),
            new InstanceType("m7g.large", 2, 8192, ARM64),
            new InstanceType("c4.large", 2, 3840, X86_64),
            new InstanceType("c6i.large", 2, 4096, X86_64),
            new InstanceType("c7g.large", 2, 4096, ARM64),
            new InstanceType("r6i.large", 2, 16384, X86_64));

    private InstanceTypes() {
    }

    /** The instance type of this name ({@code m5.large}); empty for one not in the catalogue. */
    public static Optional<InstanceType> lookup(String name) {
        return Optional.ofNullable(name).map(CATALOGUE::get);
    }

    /** The whole catalogue, by family and size. */
    public static List<InstanceType> all() {
        return List.copyOf(CATALOGUE.values());
    }

    private static Map<String, InstanceType> catalogue(InstanceType... types) {
        Map<String, InstanceType> byName = new LinkedHashMap<>();
        Stream.of(types).forEach(type -> byName.put(type.name(), type));
        return byName;
    }
}
