package io.conduit.contracts.routing;

import java.util.List;

/** Where the admin API reads deployment health from: the gateway role of the same process. */
@FunctionalInterface
public interface DeploymentHealthSource {

    List<DeploymentHealth> deploymentHealth();
}
