package io.conduit.server.roles;

import io.conduit.admin.AdminConfiguration;
import io.conduit.ingress.spring.IngressConfiguration;
import io.conduit.ledger.spring.LedgerConfiguration;
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
}
