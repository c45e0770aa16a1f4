package uk.safeguarding.hub;

import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database as its owner reaches it (the role Flyway migrates as), not as the hub does: what a
 * database administrator can do that the hub's own role cannot, such as disabling the audit triggers.
 */
public final class DatabaseOwner {

    private final DataSource dataSource;

    public DatabaseOwner(Environment env) {
        this.dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
                env.getRequiredProperty("spring.datasource.url"), env.getRequiredProperty("spring.flyway.user"),
                env.getProperty("spring.flyway.password", ""));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /** Runs in one transaction as the owner, committed. */
    public void inTransaction(Consumer<JdbcClient> work) {
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(s -> work.accept(jdbc()));
    }

    /** Runs in one transaction as the owner, then rolls it back: others never see what it did. */
    public <T> T rolledBack(Function<JdbcClient, T> work) {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource)).execute(status -> {
            status.setRollbackOnly();
            return work.apply(jdbc());
        });
    }
}
