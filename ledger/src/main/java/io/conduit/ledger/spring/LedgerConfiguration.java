package io.conduit.ledger.spring;

import io.conduit.contracts.pricing.PriceCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import io.conduit.ledger.budget.BudgetAlerter;
import io.conduit.ledger.sink.SpendSink;
import io.conduit.ledger.sink.SpendSinkProperties;
import io.conduit.ledger.sink.SpendStore;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger role's wiring. Imported by the server when the role is on. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LedgerProperties.class, SpendSinkProperties.class})
public class LedgerConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    LedgerService ledgerService(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap, LedgerProperties properties,
            @Value("${conduit.budget.time-zone:UTC}") java.time.ZoneId budgetZone, ObjectProvider<MeterRegistry> registry) {
        return new LedgerService(bootstrap, properties, PriceCatalog.bundled(), budgetZone,
                new UnpricedMetrics(registry.getIfAvailable(() -> Metrics.globalRegistry)));
    }

    /** Budget threshold alerts (50/80/100 %) to conduit.budget-alerts.v1. */
    @Bean(initMethod = "start", destroyMethod = "close")
    BudgetAlerter budgetAlerter(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap, DataSource dataSource) {
        return new BudgetAlerter(bootstrap, dataSource, java.time.Clock.systemUTC());
    }

    /** Copies conduit.spend.v1 into PostgreSQL (conduit.ledger.sink.enabled=false leaves that to other instances). */
    @Bean(initMethod = "start", destroyMethod = "close")
    SpendSink spendSink(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap, SpendSinkProperties properties,
            DataSource dataSource, LedgerProperties ledger) {
        return new SpendSink(bootstrap, properties, new SpendStore(dataSource), LedgerService.instanceId(ledger) + "-sink");
    }
}
