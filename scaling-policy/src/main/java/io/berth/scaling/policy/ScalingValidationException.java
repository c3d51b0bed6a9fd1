package io.berth.scaling.policy;

/**
 * The client's input breaks an Application Auto Scaling rule. The message is the one to return,
 * and it names the member, e.g. {@code "StepScalingPolicyConfiguration.Cooldown must be an integer."}.
 * Callers map it to AAS {@code ValidationException} (HTTP 400).
 *
 * <p>Inconsistent state handed in by the caller itself (a negative current capacity, a minimum above
 * the maximum in a {@link TargetState}) is a bug, not a client error, and gives
 * {@link IllegalArgumentException} instead.
 */
public class ScalingValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ScalingValidationException(String message) {
        super(message);
    }
}
