package org.mlops4j.training.tracking.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.mlops4j.MlopsException;
import org.mlops4j.internal.Checks;
import org.mlops4j.internal.UrlDataSource;
import org.mlops4j.training.tracking.Run;
import org.mlops4j.training.tracking.RunStore;

/**
 * A {@link RunStore} in a relational database through JDBC (PostgreSQL or H2), meant to sit beside a
 * {@code JdbcRegistryStore} in the same database, so that a model version and the run that made it live
 * together. Any number of store instances, in any number of processes, may share one database.
 *
 * <h2>Tables (created and migrated by the store; see {@code docs/training.md})</h2>
 * {@code mlops_runs_schema_version} (applied run-store migrations, apart from the registry's
 * {@code mlops_schema_version}) and {@code mlops_runs}: one row per run with its {@code id} (primary key),
 * {@code name}, {@code status}, {@code started_at} and {@code ended_at} (for queries), and {@code record},
 * the run's {@code mlops4j.run/1} JSON text verbatim. The record is what {@link #find} and {@link #list}
 * read; the other columns are copies of its fields, kept in step by every write.
 *
 * <h2>Guarantees</h2>
 * {@link #create} is one {@code INSERT}: the primary key lets exactly one of two creators of an id succeed,
 * across connections and processes (so runs started in the same second by two processes get distinct ids).
 * {@link #update} is one {@code UPDATE} by id. Each operation borrows one connection from the host's
 * {@link DataSource}, runs in its own {@code READ COMMITTED} transaction (the connection's own settings are
 * restored before it is closed), and is run again, up to {@link Builder#maxAttempts} times, when it fails
 * with a serialization failure (SQLState 40001), a deadlock (40P01) or a lock timeout (H2's HYT00). Every
 * statement is prepared; no value is ever spliced into SQL. The store pools nothing and never closes the
 * data source.
 *
 * <p>Thread-safe.
 */
public final class JdbcRunStore implements RunStore {
    private static final Comparator<Run> ORDER = Comparator.comparing(Run::startedAt).thenComparing(Run::id);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String where;
    private final int maxAttempts;

    private JdbcRunStore(DataSource dataSource, Dialect dialect, String where, int maxAttempts) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.where = where;
        this.maxAttempts = maxAttempts;
    }

    /** A store in the database of {@code dataSource}, with the default options; creates or migrates its tables. */
    public static JdbcRunStore open(DataSource dataSource) {
        return builder(dataSource).open();
    }

    /**
     * A store in the database at a JDBC URL ({@code jdbc:postgresql://host/db?user=u&password=p},
     * {@code jdbc:h2:file:/srv/mlops/db}), with the default options; creates or migrates its tables. Each
     * operation opens a fresh connection through {@link java.sql.DriverManager} (no pooling: for the
     * command line and tools; services pass their pooled {@link DataSource} to {@link #open(DataSource)}).
     * The driver must be on the class path. The URL's parameters (which may hold a password) appear in no
     * message and no {@code toString()}: they are cut at the first {@code ?}, {@code ;} or {@code &}.
     *
     * @throws IllegalArgumentException when the URL does not start with {@code jdbc:}
     * @throws MlopsException when the database cannot be reached or used (see {@link Builder#open()})
     */
    public static JdbcRunStore open(String jdbcUrl) {
        return builder(jdbcUrl).open();
    }

    /** A builder over a data source. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * A builder over a JDBC URL, each operation opening a fresh connection as {@link #open(String)} does.
     *
     * @throws IllegalArgumentException when the URL does not start with {@code jdbc:}
     */
    public static Builder builder(String jdbcUrl) {
        return new Builder(new UrlDataSource(jdbcUrl, new Properties()));
    }

    /** The version of the run-store schema this library creates and reads. */
    public static int schemaVersion() {
        return RunSchema.latest(Dialect.POSTGRESQL);
    }

    @Override
    public String description() {
        return "JDBC run store (" + dialect.product() + ") at " + where;
    }

    @Override
    public boolean create(Run run) {
        Checks.checkNotNull(run, "run");
        String sql = dialect.ignoringDuplicates("INSERT INTO mlops_runs (id, name, status, started_at, ended_at, record)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
        return inTransaction("create run " + Checks.quote(run.id()), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, run.id());
                bindRow(ps, 2, run);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (Dialect.isUniqueViolation(e)) {
                    return false; // H2: the id was claimed first by another creator
                }
                throw e;
            }
        });
    }

    @Override
    public void update(Run run) {
        Checks.checkNotNull(run, "run");
        int rows = inTransaction("update run " + Checks.quote(run.id()), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE mlops_runs"
                    + " SET name = ?, status = ?, started_at = ?, ended_at = ?, record = ? WHERE id = ?")) {
                bindRow(ps, 1, run);
                ps.setString(6, run.id());
                return ps.executeUpdate();
            }
        });
        Checks.checkArgument(rows == 1, "no run has id %s in %s", Checks.quote(run.id()), where);
    }

    /** Binds name, status, started_at, ended_at and record from parameter {@code first} on. */
    private static void bindRow(PreparedStatement ps, int first, Run run) throws SQLException {
        ps.setString(first, run.name());
        ps.setString(first + 1, run.status().name());
        ps.setObject(first + 2, timestamp(run.startedAt()));
        ps.setObject(first + 3, run.endedAt().map(JdbcRunStore::timestamp).orElse(null),
                java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setString(first + 4, run.toJson());
    }

    private static OffsetDateTime timestamp(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    @Override
    public Optional<Run> find(String id) {
        Checks.checkNotNull(id, "id");
        String record = inTransaction("read run " + Checks.quote(id), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT record FROM mlops_runs WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        return record == null ? Optional.empty() : Optional.of(parse(id, record));
    }

    @Override
    public List<Run> list() {
        List<String[]> rows = inTransaction("list the runs", c -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, record FROM mlops_runs ORDER BY started_at, id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return out;
        });
        List<Run> runs = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            runs.add(parse(row[0], row[1]));
        }
        runs.sort(ORDER); // the record's instants, not the column's (PostgreSQL keeps microseconds)
        return List.copyOf(runs);
    }

    /** A stored record, checked against the id of its row. */
    private Run parse(String id, String record) {
        Run run;
        try {
            run = Run.fromJson(record);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("run " + Checks.quote(id) + " in " + where + ": " + e.getMessage(), e);
        }
        if (!run.id().equals(id)) {
            throw new IllegalArgumentException("run " + Checks.quote(id) + " in " + where + " holds the record of run "
                    + Checks.quote(run.id()) + "; was the row edited by hand?");
        }
        return run;
    }

    @Override
    public String toString() {
        return description();
    }

    // ---------------------------------------------------------------------------------- plumbing

    /** Work on one connection, in one transaction. */
    @FunctionalInterface
    private interface SqlWork<R> {
        R run(Connection c) throws SQLException;
    }

    /** Runs the work in a transaction, again after a transient conflict, up to {@link #maxAttempts} times. */
    private <R> R inTransaction(String what, SqlWork<R> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (!Dialect.isRetryable(e)) {
                    throw failure(what, e);
                }
                if (attempt >= maxAttempts) {
                    throw new MlopsException("could not " + what + " in " + description() + ": " + maxAttempts
                            + " attempts each ended in a conflict with concurrent transactions (SQLState "
                            + e.getSQLState() + "); the last: " + e.getMessage(), e);
                }
                pause(attempt);
            }
        }
    }

    private <R> R once(SqlWork<R> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                R r = work.run(c);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** A short, growing pause before running a conflicting transaction again (1, 2, 4, ... 64 ms). */
    private void pause(int attempt) {
        try {
            Thread.sleep(1L << Math.min(attempt - 1, 6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlopsException("interrupted while retrying a transaction in " + where, e);
        }
    }

    private MlopsException failure(String what, SQLException e) {
        return new MlopsException("could not " + what + " in " + description() + ": " + e.getMessage()
                + " (SQLState " + e.getSQLState() + ")", e);
    }

    /** Builds a {@link JdbcRunStore}. Not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private int maxAttempts;

        private Builder(DataSource dataSource) {
            this.dataSource = Checks.checkNotNull(dataSource, "dataSource");
        }

        /** How many times an operation runs before a conflict is reported (default 10; at least 1). */
        public Builder maxAttempts(int attempts) {
            Checks.checkState(maxAttempts == 0, "maxAttempts was already set to %d", maxAttempts);
            Checks.checkArgument(attempts >= 1, "maxAttempts must be >= 1 but was %d", attempts);
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Opens the store: detects the database, creates or migrates the run tables. Safe to call from many
         * processes at once.
         *
         * @throws MlopsException when the database is not supported, cannot be reached, or has a run schema
         *                        newer than this library knows
         */
        public JdbcRunStore open() {
            int attempts = maxAttempts == 0 ? 10 : maxAttempts;
            Dialect dialect;
            String where;
            try (Connection c = dataSource.getConnection()) {
                dialect = Dialect.detect(c.getMetaData());
                String url = c.getMetaData().getURL();
                where = url == null ? "a " + dialect.product() + " database" : UrlDataSource.redact(url);
            } catch (SQLException e) {
                throw new MlopsException("could not connect to the run store database: " + e.getMessage()
                        + " (SQLState " + e.getSQLState() + ")", e);
            }
            JdbcRunStore store = new JdbcRunStore(dataSource, dialect, where, attempts);
            for (int attempt = 1;; attempt++) {
                try {
                    store.inTransaction("create or migrate the run store schema",
                            c -> RunSchema.migrate(c, dialect, where));
                    return store;
                } catch (MlopsException e) {
                    // H2 commits each DDL statement, so two openers can race between a statement's IF NOT EXISTS
                    // check and its CREATE; the statements are idempotent, so the loser runs them again.
                    if (dialect.transactionalDdl() || !(e.getCause() instanceof SQLException) || attempt >= 5) {
                        throw e;
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "JdbcRunStore.Builder{maxAttempts=" + maxAttempts + "}";
        }
    }
}
