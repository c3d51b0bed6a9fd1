package io.berth.gateway.console;

/**
 * The colour of a task group: each service keeps its hue on every page and after every restart
 * (it comes from the name, not from the order services are listed in); tasks outside a service
 * are grey.
 */
public final class Palette {

    public static final String UNGROUPED = "#9aa0a6";

    private Palette() {
    }

    /** Ten colours people tell apart at a glance (Tableau 10, without its grey). */
    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#1f77b4"};

    /** {@code group} as ECS spells it: {@code service:<name>} or {@code family:<name>}. */
    public static String colorOf(String group) {
        if (group == null || !group.startsWith("service:")) {
            return UNGROUPED;
        }
        return COLOURS[Math.floorMod(group.hashCode(), COLOURS.length)];
    }
}
