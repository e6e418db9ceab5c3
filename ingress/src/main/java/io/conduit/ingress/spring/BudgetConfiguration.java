package io.conduit.ingress.spring;

import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.PriceCatalogFollower;
import io.conduit.ingress.budget.BudgetGuard;
import io.conduit.ingress.budget.BudgetStateFollower;
import io.conduit.ingress.budget.CatalogCallPricer;
import io.conduit.ingress.budget.InProcessReservations;
import io.conduit.ingress.budget.RedisReservations;
import io.conduit.ingress.budget.ReservationStore;
import java.time.Clock;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Budget enforcement in ingress: the ledger's budget state, the price catalog, and reservations
 * in Redis ({@code REDIS_URL}) or, for a single instance, in memory.
 */
@Configuration(proxyBeanMethods = false)
class BudgetConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BudgetConfiguration.class);

    @Bean(initMethod = "start", destroyMethod = "close")
    BudgetStateFollower budgetStateFollower(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap) {
        return new BudgetStateFollower(bootstrap);
    }

    @Bean(destroyMethod = "close")
    PriceCatalogFollower ingressPriceCatalog(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap) {
        return new PriceCatalogFollower(bootstrap, PriceCatalog.bundled()).start();
    }

    @Bean(destroyMethod = "close")
    ReservationStore reservationStore(@Value("${conduit.redis.url:}") String redisUrl) {
        if (redisUrl.isBlank()) {
            log.info("Budget reservations are kept in this instance's memory (set REDIS_URL to share them across instances)");
            return new InProcessReservations(Clock.systemUTC());
        }
        log.info("Budget reservations are kept in Redis");
        return new RedisReservations(redisUrl, Clock.systemUTC());
    }

    @Bean
    BudgetGuard budgetGuard(ReservationStore reservations, BudgetStateFollower states, PriceCatalogFollower prices,
            IngressProperties properties, @Value("${conduit.budget.time-zone:UTC}") ZoneId zone) {
        return new BudgetGuard(reservations, states, new CatalogCallPricer(prices, Clock.systemUTC()), zone,
                properties.budgetHold(), Clock.systemUTC());
    }
}
