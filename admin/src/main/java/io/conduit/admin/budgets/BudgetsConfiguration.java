package io.conduit.admin.budgets;

import io.conduit.admin.changes.ConfigChangePublisher;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Key groups, budgets and balances. */
@Configuration(proxyBeanMethods = false)
public class BudgetsConfiguration {

    @Bean
    KeyGroupStore keyGroupStore(DataSource dataSource, ConfigChangePublisher changes) {
        return new KeyGroupStore(JdbcClient.create(dataSource), changes);
    }

    @Bean
    BudgetStore budgetStore(DataSource dataSource, KeyGroupStore groups, ConfigChangePublisher changes) {
        return new BudgetStore(JdbcClient.create(dataSource), groups, changes);
    }

    @Bean
    BalanceStore balanceStore(DataSource dataSource, KeyGroupStore groups, ConfigChangePublisher changes) {
        return new BalanceStore(JdbcClient.create(dataSource), groups, changes);
    }
}
