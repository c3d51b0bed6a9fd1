package io.berth.scaling.policy;

import java.util.Objects;

/** One target tracking policy of a target, with what it proposes now ({@link TargetTracking#evaluate}). */
public record PolicyProposal(String policyName, TargetTrackingPolicy policy, Proposal proposal) {

    public PolicyProposal {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(proposal, "proposal");
    }
}
