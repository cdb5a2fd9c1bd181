package org.mlops4j.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that opens a new connection through {@link DriverManager} for every request and
 * pools nothing: for the command line and other short-lived users of a JDBC URL, shared by the
 * library's JDBC stores ({@code JdbcRegistryStore.open(String)}, {@code JdbcRunStore.open(String)}).
 * Services should pass their own pooled {@code DataSource} instead. The URL's parameters, which may hold
 * a password, never appear in its messages or its {@link #toString()} ({@link #redact}). Internal: not
 * part of mlops4j's API.
 *
 * <p>Thread-safe.
 */
public final class UrlDataSource implements DataSource {
    private final String url;
    private final Properties properties;
    private volatile PrintWriter logWriter;
    private volatile int loginTimeoutSeconds;

    /**
     * A data source for {@code url} with the driver {@code properties} (copied).
     *
     * @throws IllegalArgumentException when {@code url} does not start with {@code jdbc:} (the message
     *     quotes it redacted)
     */
    public UrlDataSource(String url, Properties properties) {
        this.url = Checks.checkNotNull(url, "url");
        Checks.checkArgument(url.startsWith("jdbc:"), "url must start with 'jdbc:' but was %s", Checks.quote(redact(url)));
        this.properties = new Properties();
        this.properties.putAll(Checks.checkNotNull(properties, "properties"));
    }

    /**
     * The URL without its parameters (which may hold a password), for messages: cut at the first
     * {@code ?} (PostgreSQL and most drivers), {@code ;} (H2's settings) or {@code &}.
     */
    public static String redact(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';', '&'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut);
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw redacted(e);
        }
    }

    /**
     * The driver's exception, or, when its message or a cause's quotes the URL's parameters (which may
     * hold a password), a copy with them cut from its message and without the causes.
     */
    private SQLException redacted(SQLException e) {
        String base = redact(url);
        String parameters = url.substring(base.length());
        if (parameters.isEmpty() || !quotes(e, parameters)) {
            return e;
        }
        String message = String.valueOf(e.getMessage()).replace(url, base).replace(parameters, "");
        SQLException clean = new SQLException(message, e.getSQLState(), e.getErrorCode());
        clean.setStackTrace(e.getStackTrace());
        return clean;
    }

    private static boolean quotes(Throwable t, String text) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (String.valueOf(c.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.putAll(properties);
        p.setProperty("user", user);
        p.setProperty("password", password);
        try {
            return DriverManager.getConnection(url, p);
        } catch (SQLException e) {
            throw redacted(e);
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds; // DriverManager's timeout is global; not applied
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "UrlDataSource{" + redact(url) + "}";
    }
}
