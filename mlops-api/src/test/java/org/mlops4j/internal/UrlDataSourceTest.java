package org.mlops4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class UrlDataSourceTest {

    @Test
    void getConnection_driverFailure_keepsThePasswordOutOfTheMessage() {
        // GIVEN a URL no driver accepts, with a password among its parameters
        String url = "jdbc:nosuchdb://127.0.0.1:1/x?user=u&password=s3cret";
        UrlDataSource ds = new UrlDataSource(url, new Properties());
        // WHEN a connection is asked for
        Throwable t = catchThrowable(ds::getConnection);
        // THEN the failure names the database without the parameters, here and in every cause
        assertThat(t).isInstanceOf(SQLException.class).hasMessageContaining("jdbc:nosuchdb://127.0.0.1:1/x");
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage())).doesNotContain("s3cret");
        }
    }

    @Test
    void getConnection_causeQuotingTheParameters_isDroppedAndTheMessageCut() throws SQLException {
        // GIVEN a driver whose failure quotes the URL's parameters in a cause only, and once more on its own
        Driver driver = new QuotingDriver();
        DriverManager.registerDriver(driver);
        try {
            UrlDataSource ds = new UrlDataSource("jdbc:quoting:db;USER=u;PASSWORD=s3cret", new Properties());
            // WHEN a connection is asked for
            Throwable t = catchThrowable(ds::getConnection);
            // THEN the message keeps the SQLState and the text around the parameters, and no cause is attached
            assertThat(t).isInstanceOf(SQLException.class)
                    .hasMessage("refused jdbc:quoting:db (settings: )")
                    .hasNoCause();
            assertThat(((SQLException) t).getSQLState()).isEqualTo("28000");
        } finally {
            DriverManager.deregisterDriver(driver);
        }
    }

    @Test
    void constructor_notAJdbcUrl_isRefusedRedacted() {
        Throwable t = catchThrowable(() -> new UrlDataSource("postgres://h/db?password=s3cret", new Properties()));

        assertThat(t).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url must start with 'jdbc:' but was 'postgres://h/db'");
    }

    @Test
    void toString_showsTheUrlWithoutItsParameters() {
        UrlDataSource ds = new UrlDataSource("jdbc:postgresql://h/db?user=u&password=s3cret", new Properties());

        assertThat(ds).hasToString("UrlDataSource{jdbc:postgresql://h/db}");
    }

    @Test
    void redact_cutsEveryParameterForm() {
        assertThat(UrlDataSource.redact("jdbc:postgresql://h/db?password=p")).isEqualTo("jdbc:postgresql://h/db");
        assertThat(UrlDataSource.redact("jdbc:postgresql://db:5432/ml?user=u&password=secret"))
                .isEqualTo("jdbc:postgresql://db:5432/ml");
        assertThat(UrlDataSource.redact("jdbc:h2:file:/tmp/r;PASSWORD=p")).isEqualTo("jdbc:h2:file:/tmp/r");
        assertThat(UrlDataSource.redact("jdbc:x:a&password=p")).isEqualTo("jdbc:x:a");
        assertThat(UrlDataSource.redact("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
        assertThat(UrlDataSource.redact("")).isEmpty();
    }

    /** Accepts {@code jdbc:quoting:} URLs and refuses every connection, quoting the URL's settings in a cause. */
    private static final class QuotingDriver implements Driver {
        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            if (!acceptsURL(url)) {
                return null;
            }
            String settings = url.substring(url.indexOf(';'));
            throw new SQLException("refused jdbc:quoting:db (settings: " + settings + ")", "28000",
                    new IllegalStateException("while parsing " + settings));
        }

        @Override
        public boolean acceptsURL(String url) {
            return url.startsWith("jdbc:quoting:");
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no logger");
        }
    }
}
