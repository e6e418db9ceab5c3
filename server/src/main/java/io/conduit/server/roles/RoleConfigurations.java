package io.conduit.server.roles;

import io.conduit.admin.AdminConfiguration;
import io.conduit.ingress.spring.IngressConfiguration;
import io.conduit.ledger.spring.LedgerConfiguration;
import io.conduit.media.spring.MediaJobsRoleConfiguration;
import io.conduit.provider.worker.spring.WorkersRoleConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Each role's wiring, imported only when the role is on ({@code conduit.roles.<role>=true}). */
public final class RoleConfigurations {

    private RoleConfigurations() {}

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("conduit.roles.ingress")
    @Import(IngressConfiguration.class)
    public static class IngressRole {}

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("conduit.roles.admin")
    @Import(AdminConfiguration.class)
    public static class AdminRole {}

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("conduit.roles.ledger")
    @Import(LedgerConfiguration.class)
    public static class LedgerRole {}

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("conduit.roles.workers")
    @Import(WorkersRoleConfiguration.class)
    public static class WorkersRole {}

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("conduit.roles.media-jobs")
    @Import(MediaJobsRoleConfiguration.class)
    public static class MediaJobsRole {}
}
