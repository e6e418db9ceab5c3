package io.conduit.server;

import io.conduit.server.infra.InfrastructureConfiguration;
import io.conduit.server.roles.RoleConfigurations;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The Spring application of one Conduit process: shared infrastructure plus the roles switched on. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({InfrastructureConfiguration.class, RoleConfigurations.IngressRole.class, RoleConfigurations.AdminRole.class,
        RoleConfigurations.LedgerRole.class, RoleConfigurations.WorkersRole.class, RoleConfigurations.MediaJobsRole.class})
public class ServerApplication {}
