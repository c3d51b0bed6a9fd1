package io.berth.gateway.routing;

import java.util.List;

/** The JSON 1.1 APIs the gateway serves on {@code POST /}, told apart by their target prefix. */
public final class ApiFaces {

    /** ECS first: a request with no target or an unknown prefix is answered as ECS answers it. */
    public static final List<ApiFace> ALL = List.of(EcsOperations.FACE, AasOperations.FACE, EcrOperations.FACE);

    private ApiFaces() {
    }

    /** The API a target belongs to; ECS for a target no API claims, which ECS then refuses. */
    public static ApiFace of(String target) {
        return ALL.stream().filter(face -> face.selects(target)).findFirst().orElse(EcsOperations.FACE);
    }
}
