package io.berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.agent.runtime.InstanceTypes.InstanceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstanceTypesTest {

    @ParameterizedTest
    @CsvSource({
            "t3.micro, 2, 1024, x86_64", "t3.small, 2, 2048, x86_64", "t3.medium, 2, 4096, x86_64",
            "t3.large, 2, 8192, x86_64", "t3.xlarge, 4, 16384, x86_64", "m5.large, 2, 8192, x86_64",
            "m5.xlarge, 4, 16384, x86_64", "m5.2xlarge, 8, 32768, x86_64", "m5.4xlarge, 16, 65536, x86_64",
            "c5.large, 2, 4096, x86_64", "c5.xlarge, 4, 8192, x86_64", "c5.2xlarge, 8, 16384, x86_64",
            "r5.large, 2, 16384, x86_64", "r5.xlarge, 4, 32768, x86_64", "m6g.large, 2, 8192, arm64",
            "c6g.xlarge, 4, 8192, arm64", "m7i.large, 2, 8192, x86_64"})
    void knowsTheRealSizes(String name, int vcpus, int memory, String architecture) {
        assertThat(InstanceTypes.lookup(name)).contains(new InstanceType(name, vcpus, memory, architecture));
    }

    @Test
    void registersAllCpuAndMemoryButTheAgentReserve() {
        InstanceType m5 = InstanceTypes.lookup("m5.large").orElseThrow();
        InstanceType micro = InstanceTypes.lookup("t3.micro").orElseThrow();

        assertThat(m5.registeredCpu()).isEqualTo(2048);
        assertThat(m5.registeredMemory()).isEqualTo(8192 - 410);
        assertThat(micro.registeredMemory()).isEqualTo(1024 - 52);
        assertThat(InstanceTypes.lookup("m5.4xlarge").orElseThrow().registeredCpu()).isEqualTo(16384);
    }

    @Test
    void everyTypeKeepsAboutFivePercentBack() {
        assertThat(InstanceTypes.all()).hasSizeGreaterThanOrEqualTo(17).allSatisfy(type -> {
            int reserve = type.memoryMiB() - type.registeredMemory();
            assertThat(reserve).isGreaterThanOrEqualTo(type.memoryMiB() / 20).isLessThanOrEqualTo(type.memoryMiB() / 20 + 1);
        });
    }

    @Test
    void unknownTypesAreEmpty() {
        assertThat(InstanceTypes.lookup("m5.huge")).isEmpty();
        assertThat(InstanceTypes.lookup("M5.LARGE")).isEmpty();
        assertThat(InstanceTypes.lookup(null)).isEmpty();
    }
}
