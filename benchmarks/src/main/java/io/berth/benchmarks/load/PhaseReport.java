package io.berth.benchmarks.load;

import java.util.List;

/**
 * The figures of the warm-up or the measured part of a run.
 *
 * @param seconds the phase's length on the schedule
 * @param achievedRate answers per second to the requests meant to start in the phase
 * @param operations one entry per operation, by name
 * @param all every operation together
 */
public record PhaseReport(double seconds, double achievedRate, List<OperationReport> operations, OperationReport all) {
}
