package io.conduit.admin;

import io.conduit.admin.budgets.BudgetsConfiguration;
import io.conduit.admin.budgets.KeyGroupStore;
import io.conduit.admin.changes.ConfigChangePublisher;
import io.conduit.admin.keys.VirtualKeyStore;
import io.conduit.admin.mappings.ModelMappingStore;
import io.conduit.admin.prices.PricePublisher;
import io.conduit.admin.prices.PriceStore;
import io.conduit.admin.prices.UnpricedModels;
import io.conduit.admin.providers.ProviderStore;
import io.conduit.admin.routes.RouteStore;
import io.conduit.admin.seed.ConfigSeeder;
import io.conduit.admin.spend.SpendReports;
import io.conduit.admin.web.MasterKeyFilter;
import io.conduit.admin.webhooks.WebhooksAdminConfiguration;
import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.security.CredentialCipher;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The admin role's wiring: stores, change events, master-key filter, seeding at start. Controllers by scan of this module only. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
@Import({BudgetsConfiguration.class, WebhooksAdminConfiguration.class})
@ComponentScan(basePackageClasses = AdminConfiguration.class, useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(org.springframework.web.bind.annotation.RestController.class))
public class AdminConfiguration {

    @Bean(destroyMethod = "close")
    ConfigChangePublisher configChangePublisher(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap) {
        return new ConfigChangePublisher(bootstrap);
    }

    @Bean
    ProviderStore providerStore(DataSource dataSource, CredentialCipher cipher, ConfigChangePublisher changes) {
        return new ProviderStore(JdbcClient.create(dataSource), cipher, changes);
    }

    @Bean
    ModelMappingStore modelMappingStore(DataSource dataSource, ProviderStore providers, ConfigChangePublisher changes) {
        return new ModelMappingStore(JdbcClient.create(dataSource), providers, changes);
    }

    @Bean
    VirtualKeyStore virtualKeyStore(DataSource dataSource, KeyGroupStore groups, ConfigChangePublisher changes) {
        return new VirtualKeyStore(JdbcClient.create(dataSource), groups, changes);
    }

    @Bean
    RouteStore routeStore(DataSource dataSource, ModelMappingStore mappings, ConfigChangePublisher changes) {
        return new RouteStore(JdbcClient.create(dataSource), mappings, changes);
    }

    @Bean(destroyMethod = "close")
    PricePublisher pricePublisher(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap) {
        return new PricePublisher(bootstrap);
    }

    @Bean
    PriceStore priceStore(DataSource dataSource, PricePublisher publisher) {
        return new PriceStore(dataSource, publisher, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    io.conduit.admin.jobs.DeadLetters jobDeadLetters(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap) {
        return new io.conduit.admin.jobs.DeadLetters(bootstrap);
    }

    @Bean(destroyMethod = "close")
    UnpricedModels unpricedModels(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap) {
        return new UnpricedModels(bootstrap).start();
    }

    /** Seeds the price tables from the bundled catalog on the first start, then publishes the catalog (every start). */
    @Bean
    ApplicationRunner priceSeeder(PriceStore prices) {
        return args -> {
            if (prices.seedIfEmpty(PriceCatalog.bundled())) {
                org.slf4j.LoggerFactory.getLogger(AdminConfiguration.class)
                        .info("Seeded the price catalog from the bundled catalog {}", PriceCatalog.bundled().version());
            }
            prices.republish();
        };
    }

    @Bean
    SpendReports spendReports(DataSource dataSource) {
        return new SpendReports(JdbcClient.create(dataSource));
    }

    @Bean
    io.conduit.admin.web.AdminErrorHandler adminErrorHandler() {
        return new io.conduit.admin.web.AdminErrorHandler();
    }

    @Bean
    FilterRegistrationBean<MasterKeyFilter> masterKeyFilter(AdminProperties properties) {
        FilterRegistrationBean<MasterKeyFilter> registration = new FilterRegistrationBean<>(new MasterKeyFilter(properties.masterKey()));
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    ApplicationRunner configSeeder(ProviderStore providers, ModelMappingStore mappings, VirtualKeyStore keys,
            AdminProperties properties) {
        ConfigSeeder seeder = new ConfigSeeder(providers, mappings, keys);
        return args -> seeder.seed(properties, System.getenv());
    }
}
