package io.berth.cluster.taskdefinition;

import java.util.OptionalInt;
import java.util.Set;

/**
 * What the container rules need to know about the task around them.
 *
 * @param networkMode the effective mode: {@code bridge} when the request names none
 * @param volumeNames the names of the task's volumes, for {@code mountPoints}
 */
record TaskContext(String networkMode, OptionalInt cpu, OptionalInt memory,
        Set<String> volumeNames, boolean hasExecutionRole, Compatibilities compatibilities) {

    static final String BRIDGE = "bridge";
    static final String HOST = "host";
    static final String AWSVPC = "awsvpc";
    static final String NONE = "none";
}
