package io.berth.scheduler.service;

/**
 * One {@code loadBalancers[]} item of a service: an ALB/NLB target group or a Classic Load Balancer,
 * and the container and port that receive its traffic.
 *
 * @param targetGroupArn the target group (ALB/NLB); null for a Classic Load Balancer
 * @param loadBalancerName the Classic Load Balancer; null with a target group
 * @param containerPort null only in a request that has not been checked yet
 */
public record LoadBalancer(String targetGroupArn, String loadBalancerName, String containerName,
        Integer containerPort) {
}
