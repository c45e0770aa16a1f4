package uk.safeguarding.hub;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements prepared on the web server's request threads (Tomcat's or Jetty's), so that a
 * test can show that a request's statement count does not grow with the number of results (no N+1).
 * Feed runs and schedulers run on other threads and are not counted.
 */
public class StatementCounter implements BeanPostProcessor {

    private static final AtomicLong STATEMENTS = new AtomicLong();
    private static final Set<String> PREPARING = Set.of("prepareStatement", "createStatement", "prepareCall");

    public static long count() {
        return STATEMENTS.get();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof DataSource dataSource) {
            return Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        Object result = invoke(dataSource, method, args);
                        return result instanceof Connection connection ? counting(connection) : result;
                    });
        }
        return bean;
    }

    private static Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String thread = Thread.currentThread().getName();
                    if (PREPARING.contains(method.getName()) && (thread.startsWith("http-nio") || thread.startsWith("qtp"))) {
                        STATEMENTS.incrementAndGet();
                    }
                    return invoke(connection, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
