package io.berth.gateway.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster's capacity drawn as boxes: one per container instance, its width proportional to its
 * CPU and its height to its memory. Each task is a rectangle as wide as its CPU reservation and as
 * tall as its memory reservation, coloured by service, laid corner to corner from the bottom left:
 * how far the tasks reach to the right is the CPU reserved, how far up the memory reserved, so one
 * sees at a glance which of the two dimensions placement will run out of first.
 * Fargate tasks have no instance: each is a box of its own, sized by its task size on the same scale
 * as the instances (a 4 vCPU, 8 GiB task is a full box when there are none), in a row below them.
 */
public record InstanceMap(int width, int height, List<Box> boxes, Map<String, String> legend, List<Slice> fargate,
        int fargateLabelY) {

    static final int MAX_BOX_WIDTH = 220;
    static final int MAX_BOX_HEIGHT = 150;
    static final int MIN_BOX_SIDE = 48;
    static final int GAP = 18;
    static final int LABEL = 30;
    /** The thinnest side a task gets, so that a task reserving no CPU or memory is still visible. */
    static final int MIN_BAND = 4;
    /** The task size a full box stands for on a map without instances. */
    static final int FARGATE_REFERENCE_CPU = 4096;
    static final int FARGATE_REFERENCE_MEMORY = 8192;
    static final int FARGATE_GAP = 6;
    static final int MIN_FARGATE_SIDE = 12;

    public record Instance(String arn, String id, int cpu, int memory, String status, String availabilityZone,
            String instanceType, boolean agentConnected, List<String> attributes) {

        public boolean draining() {
            return "DRAINING".equals(status);
        }

        /** Enough of the id to tell instances apart on the map. */
        public String shortId() {
            return id.length() > 8 ? id.substring(0, 8) : id;
        }
    }

    public record Task(String arn, String id, String containerInstanceArn, int cpu, int memory, String group,
            String lastStatus) {

        public String serviceName() {
            return group != null && group.startsWith("service:") ? group.substring("service:".length()) : "";
        }

        public String shortId() {
            return id.length() > 8 ? id.substring(0, 8) : id;
        }
    }

    public record Slice(Task task, int x, int y, int w, int h, String color) {
    }

    public record Box(Instance instance, int x, int y, int w, int h, int usedCpu, int usedMemory, List<Slice> slices) {

        public int labelY() {
            return y - 16;
        }

        public int detailY() {
            return y - 4;
        }

        public int cpuPercent() {
            return instance.cpu() == 0 ? 0 : Math.round(100f * usedCpu / instance.cpu());
        }

        public int memoryPercent() {
            return instance.memory() == 0 ? 0 : Math.round(100f * usedMemory / instance.memory());
        }
    }

    /** Lays the instances out left to right in rows no wider than {@code maxWidth}. */
    public static InstanceMap layout(List<Instance> instances, List<Task> tasks, int maxWidth) {
        int maxCpu = instances.stream().mapToInt(Instance::cpu).max().orElse(1);
        int maxMemory = instances.stream().mapToInt(Instance::memory).max().orElse(1);
        Map<String, List<Task>> byInstance = new LinkedHashMap<>();
        Map<String, String> legend = new java.util.TreeMap<>();
        List<Task> onFargate = new ArrayList<>();
        for (Task task : tasks) {
            if (task.containerInstanceArn() == null) {
                onFargate.add(task);
            } else {
                byInstance.computeIfAbsent(task.containerInstanceArn(), k -> new ArrayList<>()).add(task);
            }
            legend.put(task.serviceName().isEmpty() ? "(no service)" : task.serviceName(),
                    Palette.colorOf(task.group()));
        }
        List<Box> boxes = new ArrayList<>();
        int x = GAP;
        int y = GAP + LABEL;
        int rowHeight = 0;
        int width = 0;
        for (Instance instance : instances) {
            int w = scaled(instance.cpu(), maxCpu, MAX_BOX_WIDTH);
            int h = scaled(instance.memory(), maxMemory, MAX_BOX_HEIGHT);
            if (x > GAP && x + w > maxWidth) {
                x = GAP;
                y += rowHeight + GAP + LABEL;
                rowHeight = 0;
            }
            List<Task> placed = new ArrayList<>(byInstance.getOrDefault(instance.arn(), List.of()));
            placed.sort(Comparator.comparing((Task t) -> t.group() == null ? "" : t.group()).thenComparing(Task::arn));
            boxes.add(box(instance, placed, x, y, w, h));
            x += w + GAP;
            rowHeight = Math.max(rowHeight, h);
            width = Math.max(width, x);
        }
        int fargateLabelY = boxes.isEmpty() ? GAP + LABEL / 2 : y + rowHeight + GAP + LABEL / 2;
        int top = fargateLabelY + LABEL / 2;
        List<Slice> fargate = new ArrayList<>();
        int fx = GAP;
        int fy = top;
        int fargateRow = 0;
        onFargate.sort(Comparator.comparing((Task t) -> t.group() == null ? "" : t.group()).thenComparing(Task::arn));
        for (Task task : onFargate) {
            int w = Math.max(MIN_FARGATE_SIDE, share(task.cpu(), instances.isEmpty() ? FARGATE_REFERENCE_CPU : maxCpu,
                    MAX_BOX_WIDTH));
            int h = Math.max(MIN_FARGATE_SIDE, share(task.memory(), instances.isEmpty() ? FARGATE_REFERENCE_MEMORY
                    : maxMemory, MAX_BOX_HEIGHT));
            if (fx > GAP && fx + w > maxWidth) {
                fx = GAP;
                fy += fargateRow + FARGATE_GAP;
                fargateRow = 0;
            }
            fargate.add(new Slice(task, fx, fy, w, h, Palette.colorOf(task.group())));
            fx += w + FARGATE_GAP;
            fargateRow = Math.max(fargateRow, h);
            width = Math.max(width, fx);
        }
        int height = !fargate.isEmpty() ? fy + fargateRow + GAP : boxes.isEmpty() ? 60 : y + rowHeight + GAP;
        return new InstanceMap(Math.max(width, 200), height, boxes, legend, fargate, fargateLabelY);
    }

    private static Box box(Instance instance, List<Task> tasks, int x, int y, int w, int h) {
        List<Slice> slices = new ArrayList<>();
        int usedCpu = 0;
        int usedMemory = 0;
        for (Task task : tasks) {
            int left = Math.min(x + w - MIN_BAND, x + share(usedCpu, instance.cpu(), w));
            int bottom = Math.max(y + MIN_BAND, y + h - share(usedMemory, instance.memory(), h));
            int width = Math.min(x + w - left, Math.max(MIN_BAND, share(task.cpu(), instance.cpu(), w)));
            int height = Math.min(bottom - y, Math.max(MIN_BAND, share(task.memory(), instance.memory(), h)));
            slices.add(new Slice(task, left, bottom - height, width, height, Palette.colorOf(task.group())));
            usedCpu += task.cpu();
            usedMemory += task.memory();
        }
        return new Box(instance, x, y, w, h, usedCpu, usedMemory, slices);
    }

    private static int scaled(int value, int max, int maxPixels) {
        return Math.max(MIN_BOX_SIDE, share(value, max, maxPixels));
    }

    private static int share(int value, int of, int pixels) {
        return of <= 0 ? 0 : (int) Math.round((double) pixels * value / of);
    }
}
