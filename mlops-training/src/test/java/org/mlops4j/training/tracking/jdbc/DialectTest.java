package org.mlops4j.training.tracking.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mlops4j.MlopsException;

/** Detecting the database, and what the store says when it cannot use one. */
class DialectTest {

    /** Metadata that reports a product name and version (a stand-in for a driver we do not have). */
    private static DatabaseMetaData product(String name, String version) {
        return (DatabaseMetaData) Proxy.newProxyInstance(DialectTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getDatabaseProductName":
                            return name;
                        case "getDatabaseProductVersion":
                            return version;
                        default:
                            throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    @Test
    void detect_supportedProducts_areRecognizedWhateverTheirCase() throws SQLException {
        assertThat(Dialect.detect(product("PostgreSQL", "16.4"))).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.detect(product("H2", "2.3.232 (2024-08-11)"))).isEqualTo(Dialect.H2);
        assertThat(Dialect.detect(product("postgresql", "16"))).isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void detect_otherProduct_isRefusedNamingIt() {
        assertThatThrownBy(() -> Dialect.detect(product("MySQL", "8.4.0"))).isInstanceOf(MlopsException.class)
                .hasMessage("the JDBC run store supports PostgreSQL and H2, but the database is 'MySQL' '8.4.0'");
    }

    @Test
    void isRetryable_transientStates_only() {
        assertThat(Dialect.isRetryable(new SQLException("x", "40001"))).isTrue();
        assertThat(Dialect.isRetryable(new SQLException("x", "40P01"))).isTrue();
        assertThat(Dialect.isRetryable(new SQLException("x", "HYT00"))).isTrue();
        assertThat(Dialect.isRetryable(new SQLException("x", "23505"))).isFalse();
        assertThat(Dialect.isRetryable(new SQLException("x", (String) null))).isFalse();
        assertThat(Dialect.isRetryable(new SQLException("outer", "08000", new SQLException("inner", "40001")))).isTrue();
    }

    @Test
    void open_unreachableDatabase_isRefusedWithTheDriverMessage() {
        // GIVEN a data source that cannot connect
        DataSource down = new Unreachable();

        // WHEN / THEN
        assertThatThrownBy(() -> JdbcRunStore.open(down)).isInstanceOf(MlopsException.class)
                .hasMessage("could not connect to the run store database: Connection refused (SQLState 08001)");
        assertThatThrownBy(() -> JdbcRunStore.open((DataSource) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("dataSource must not be null");
        assertThatThrownBy(() -> JdbcRunStore.open((String) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("url must not be null");
    }

    private static final class Unreachable implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("Connection refused", "08001");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
