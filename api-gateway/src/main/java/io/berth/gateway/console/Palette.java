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

    /** {@code group} as ECS spells it: {@code service:<name>} or {@code family:<name>}. */
    public static String colorOf(String group) {
        if (group == null || !group.startsWith("service:")) {
            return UNGROUPED;
        }
        // The golden angle spreads the hues of a few services far apart.
        int hue = (int) Math.floorMod(group.hashCode() * 137L, 360L);
        return "hsl(" + hue + ",62%,52%)";
    }
}
