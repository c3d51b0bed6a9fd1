package io.berth.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceMapTest {

    private static InstanceMap.Instance instance(String id, int cpu, int memory, String status) {
        return new InstanceMap.Instance("arn:aws:ecs:us-east-1:000000000000:container-instance/c/" + id, id, cpu,
                memory, status, "us-east-1a", "m5.large", true, List.of());
    }

    private static InstanceMap.Task task(String id, InstanceMap.Instance on, int cpu, int memory, String group) {
        return new InstanceMap.Task("arn:aws:ecs:us-east-1:000000000000:task/c/" + id, id, on.arn(), cpu, memory,
                group, "RUNNING");
    }

    @Test
    void fargateTasksAreBoxesOfTheirOwnBelowTheInstancesSizedByTheirTaskSize() {
        InstanceMap.Instance host = instance("host", 4096, 8192, "ACTIVE");
        InstanceMap.Task onHost = task("web1", host, 1024, 2048, "service:web");
        InstanceMap.Task quarter = new InstanceMap.Task("arn:aws:ecs:us-east-1:000000000000:task/c/f1", "f1", null, 1024,
                2048, "service:api", "RUNNING");
        InstanceMap.Task whole = new InstanceMap.Task("arn:aws:ecs:us-east-1:000000000000:task/c/f2", "f2", null, 4096,
                8192, "service:api", "PROVISIONING");

        InstanceMap map = InstanceMap.layout(List.of(host), List.of(onHost, quarter, whole), 960);

        assertThat(map.boxes()).singleElement().satisfies(b -> assertThat(b.slices()).hasSize(1));
        assertThat(map.fargate()).extracting(s -> s.task().id()).containsExactly("f1", "f2");
        InstanceMap.Box box = map.boxes().get(0);
        InstanceMap.Slice first = map.fargate().get(0);
        InstanceMap.Slice second = map.fargate().get(1);
        assertThat(first.w()).isEqualTo(box.w() / 4);
        assertThat(first.h()).isEqualTo((int) Math.round(box.h() / 4.0));
        assertThat(second.w()).isEqualTo(box.w());
        assertThat(second.h()).isEqualTo(box.h());
        assertThat(map.fargateLabelY()).isGreaterThan(box.y() + box.h());
        assertThat(first.y()).isGreaterThan(map.fargateLabelY());
        assertThat(second.x()).isGreaterThan(first.x() + first.w());
        assertThat(map.height()).isGreaterThanOrEqualTo(second.y() + second.h());
        assertThat(map.legend()).containsKeys("web", "api");

        InstanceMap serverless = InstanceMap.layout(List.of(), List.of(quarter), 960);
        assertThat(serverless.boxes()).isEmpty();
        assertThat(serverless.fargate().get(0).w()).isEqualTo(InstanceMap.MAX_BOX_WIDTH / 4);
    }

    @Test
    void boxesAreSizedByCpuAndMemory() {
        InstanceMap.Instance large = instance("large", 4096, 16384, "ACTIVE");
        InstanceMap.Instance small = instance("small", 1024, 4096, "ACTIVE");

        InstanceMap map = InstanceMap.layout(List.of(large, small), List.of(), 960);

        InstanceMap.Box big = map.boxes().get(0);
        InstanceMap.Box little = map.boxes().get(1);
        assertThat(big.w()).isEqualTo(InstanceMap.MAX_BOX_WIDTH);
        assertThat(big.h()).isEqualTo(InstanceMap.MAX_BOX_HEIGHT);
        assertThat(little.w()).isEqualTo(InstanceMap.MAX_BOX_WIDTH / 4);
        assertThat(little.h()).isEqualTo(Math.max(InstanceMap.MIN_BOX_SIDE, InstanceMap.MAX_BOX_HEIGHT / 4));
        assertThat(little.x()).isGreaterThan(big.x() + big.w());
    }

    @Test
    void tasksAreLaidCornerToCornerSoTheirReachShowsWhatIsReservedOfEachDimension() {
        InstanceMap.Instance host = instance("host", 2048, 8192, "ACTIVE");
        InstanceMap.Task web = task("web1", host, 1024, 2048, "service:web");
        InstanceMap.Task batch = task("batch1", host, 512, 4096, "family:batch");

        InstanceMap.Box box = InstanceMap.layout(List.of(host), List.of(web, batch), 960).boxes().get(0);

        assertThat(box.usedCpu()).isEqualTo(1536);
        assertThat(box.cpuPercent()).isEqualTo(75);
        assertThat(box.memoryPercent()).isEqualTo(75);
        assertThat(box.slices()).hasSize(2);
        InstanceMap.Slice first = box.slices().get(0);
        InstanceMap.Slice second = box.slices().get(1);
        // Sorted by group: family:batch, then service:web.
        assertThat(first.task().id()).isEqualTo("batch1");
        assertThat(first.x()).isEqualTo(box.x());
        assertThat(first.y() + first.h()).isEqualTo(box.y() + box.h());
        assertThat(first.w()).isEqualTo(box.w() / 4);
        assertThat(first.h()).isEqualTo(box.h() / 2);
        assertThat(second.x()).isEqualTo(first.x() + first.w());
        assertThat(second.y() + second.h()).isEqualTo(first.y());
        assertThat(second.w()).isEqualTo(box.w() / 2);
        assertThat(second.h()).isEqualTo((int) Math.round(box.h() / 4.0));
        assertThat(second.x() + second.w() - box.x()).isEqualTo(box.w() * 3 / 4);
        assertThat(second.color()).isEqualTo(Palette.colorOf("service:web")).isNotEqualTo(first.color());
        assertThat(first.color()).isEqualTo(Palette.UNGROUPED);
    }

    @Test
    void aTaskReservingNoCpuStillShowsAndOverfullInstancesStayInsideTheirBox() {
        InstanceMap.Instance host = instance("host", 1024, 1024, "DRAINING");
        List<InstanceMap.Task> tasks = List.of(task("a", host, 0, 0, "service:a"), task("b", host, 1024, 2048,
                "service:a"));

        InstanceMap.Box box = InstanceMap.layout(List.of(host), tasks, 960).boxes().get(0);

        assertThat(box.instance().draining()).isTrue();
        assertThat(box.slices().get(0).w()).isEqualTo(InstanceMap.MIN_BAND);
        assertThat(box.slices().get(0).h()).isEqualTo(InstanceMap.MIN_BAND);
        assertThat(box.slices()).allSatisfy(s -> {
            assertThat(s.y()).isGreaterThanOrEqualTo(box.y());
            assertThat(s.x() + s.w()).isLessThanOrEqualTo(box.x() + box.w());
            assertThat(s.h()).isPositive();
        });
    }

    @Test
    void rowsWrapAtTheWidthGiven() {
        List<InstanceMap.Instance> fleet = List.of(instance("a", 2048, 8192, "ACTIVE"),
                instance("b", 2048, 8192, "ACTIVE"), instance("c", 2048, 8192, "ACTIVE"));

        InstanceMap map = InstanceMap.layout(fleet, List.of(), 500);

        assertThat(map.boxes().get(0).y()).isEqualTo(map.boxes().get(1).y());
        assertThat(map.boxes().get(2).y()).isGreaterThan(map.boxes().get(0).y());
        assertThat(map.boxes().get(2).x()).isEqualTo(map.boxes().get(0).x());
        assertThat(map.height()).isGreaterThan(map.boxes().get(2).y() + map.boxes().get(2).h());
    }

    @Test
    void theLegendNamesEachServiceWithItsColour() {
        InstanceMap.Instance host = instance("host", 2048, 8192, "ACTIVE");
        InstanceMap map = InstanceMap.layout(List.of(host), List.of(task("w", host, 256, 512, "service:web"),
                task("r", host, 256, 512, "family:job")), 960);

        assertThat(map.legend()).containsEntry("web", Palette.colorOf("service:web"))
                .containsEntry("(no service)", Palette.UNGROUPED);
    }
}
