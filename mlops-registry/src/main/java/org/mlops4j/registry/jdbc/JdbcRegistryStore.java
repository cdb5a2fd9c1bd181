package org.mlops4j.registry.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.mlops4j.Fingerprint;
import org.mlops4j.MlopsException;
import org.mlops4j.internal.Checks;
import org.mlops4j.internal.UrlDataSource;
import org.mlops4j.registry.AuditEntry;
import org.mlops4j.registry.ModelVersion;
import org.mlops4j.registry.RegistryException;
import org.mlops4j.registry.RegistryNames;
import org.mlops4j.registry.spi.ArtifactInfo;
import org.mlops4j.registry.spi.ModelState;
import org.mlops4j.registry.spi.RegistryJson;
import org.mlops4j.registry.spi.RegistryStore;
import org.mlops4j.registry.spi.Transaction;

/**
 * A {@link RegistryStore} in a relational database through JDBC: PostgreSQL for a registry that teams
 * share, H2 for an embedded single-node one. Any number of store instances, in any number of processes,
 * may share one database.
 *
 * <h2>Tables (created and migrated by the store; see {@code docs/registry.md})</h2>
 * {@code mlops_schema_version} (applied migrations), {@code mlops_models} (one row per model: the head
 * sequence and hash, and the row every update locks), {@code mlops_audit} (the entries, each its
 * {@code mlops4j.registry-audit/1} JSON text verbatim, primary key (model, seq)), {@code mlops_artifacts}
 * (bytes by SHA-256), {@code mlops_versions} and {@code mlops_aliases} (the versions and aliases that
 * exist, kept in step with the log in the same transaction; versions reference their artifact by a
 * foreign key), {@code mlops_uploads} (leases that protect uploads in progress from garbage collection).
 *
 * <h2>Transactions</h2>
 * Every transaction runs at {@code READ COMMITTED} (the connection's own level is restored before it is
 * closed). An update (1) stores the artifact in its own transaction (skipped when the hash is stored) with
 * a lease row; (2) in a second transaction locks the model's row with {@code SELECT ... FOR UPDATE} (so
 * updates of one model are serialized across connections and processes, and version numbers are
 * allocated under that lock), reads the audit rows newer than its cached state, calls the registry's
 * {@code decide}, inserts the audit row (its primary key refuses a second entry {@code n}), applies the
 * change to the version and alias tables, moves the head with a compare-and-set on the old head, and
 * commits; (3) deletes its lease. A transaction that fails with a serialization failure (SQLState 40001),
 * a deadlock (40P01) or a lock timeout (H2's HYT00) is run again from the start, {@code decide} included,
 * up to {@link Builder#maxAttempts} times; then a {@link RegistryException} says so.
 *
 * <h2>Memory</h2>
 * An upload is spooled while its SHA-256 is computed: up to 1 MiB in memory, beyond that in a temporary
 * file, then streamed into the database with its length. {@link #openArtifact} copies the stored bytes the
 * same way before it closes its connection. The H2 driver streams {@code BLOB}s both ways; the PostgreSQL
 * driver holds one {@code bytea} value in memory while reading it, and a {@code bytea} holds at most
 * 1 GiB. The registry itself ({@code readArtifact}, {@code load}) reads a whole artifact into memory.
 *
 * <h2>Connections</h2>
 * The store takes a {@link DataSource} from the host and pools nothing; each operation borrows one
 * connection and closes it before returning. The store never closes the data source.
 *
 * <p>Thread-safe. Each instance caches every model's state it has read and catches up from the audit
 * rows newer than the cached head.
 */
public final class JdbcRegistryStore implements RegistryStore {
    private static final System.Logger LOG = System.getLogger(JdbcRegistryStore.class.getName());
    private static final int MEMORY_SPOOL_BYTES = 1 << 20;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String where;
    private final Duration uploadLease;
    private final int maxAttempts;
    private final Path spoolDirectory;
    private final ConcurrentHashMap<String, ModelState> cache = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private JdbcRegistryStore(Builder b, Dialect dialect, String where) {
        this.dataSource = b.dataSource;
        this.dialect = dialect;
        this.where = where;
        this.uploadLease = b.uploadLease;
        this.maxAttempts = b.maxAttempts;
        this.spoolDirectory = b.spoolDirectory;
    }

    /** A store in the database of {@code dataSource}, with the default options; creates or migrates the schema. */
    public static JdbcRegistryStore open(DataSource dataSource) {
        return builder(dataSource).open();
    }

    /**
     * A store in the database at a JDBC URL ({@code jdbc:postgresql://host/db?user=u&password=p},
     * {@code jdbc:h2:file:/srv/registry/db}); each operation opens a fresh connection through
     * {@link java.sql.DriverManager} (no pooling: for the command line and tools). The driver must be on the
     * class path. The URL's parameters (which may hold a password) appear in no message and no
     * {@code toString()}: they are cut at the first {@code ?}, {@code ;} or {@code &}.
     *
     * @throws IllegalArgumentException when the URL does not start with {@code jdbc:}
     * @throws RegistryException when the database cannot be reached or used (see {@link Builder#open()})
     */
    public static JdbcRegistryStore open(String jdbcUrl) {
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

    /** The version of the schema this library creates and reads. */
    public static int schemaVersion() {
        return Schema.latest(Dialect.POSTGRESQL);
    }

    @Override
    public String description() {
        return "JDBC store (" + dialect.product() + ") at " + where;
    }

    // ---------------------------------------------------------------------------------- write

    @Override
    public <T> T update(String model, InputStream artifact, Transaction<T> tx) {
        checkOpen();
        RegistryNames.checkModelName(model);
        Checks.checkNotNull(tx, "tx");
        Spool spool = null;
        Long lease = null;
        try {
            ArtifactInfo info = null;
            if (artifact != null) {
                try {
                    spool = Spool.read(artifact, MEMORY_SPOOL_BYTES, spoolDirectory, dialect.maxArtifactBytes());
                } catch (IOException e) {
                    throw new RegistryException("could not read the artifact for model " + Checks.quote(model) + ": "
                            + e.getMessage(), e);
                }
                Spool s = spool;
                info = new ArtifactInfo(s.sha256(), s.size());
                lease = inTransaction("store the artifact for model " + Checks.quote(model), c -> storeArtifact(c, s));
            }
            ArtifactInfo uploaded = info;
            Spool s = spool;
            ModelState[] committed = new ModelState[1];
            T result = inTransaction("update model " + Checks.quote(model), c -> {
                committed[0] = null;
                return commit(c, model, tx, uploaded, s, committed);
            });
            if (committed[0] != null) {
                remember(committed[0]);
            }
            return result;
        } finally {
            if (lease != null) {
                releaseLease(lease);
            }
            if (spool != null) {
                try {
                    spool.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not delete a temporary upload file: " + e);
                }
            }
        }
    }

    /** Step 1: the artifact row (when absent) and a lease on it, in one transaction; returns the lease id. */
    private long storeArtifact(Connection c, Spool s) throws SQLException, IOException {
        if (!artifactExists(c, s.sha256())) {
            insertArtifact(c, s);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO mlops_uploads (sha256, started_at) VALUES (?, CURRENT_TIMESTAMP)",
                new String[] {"id"})) {
            ps.setString(1, s.sha256().hex());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                Checks.checkState(rs.next(), "the database returned no id for the upload lease");
                return rs.getLong(1);
            }
        }
    }

    private boolean artifactExists(Connection c, Fingerprint sha) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM mlops_artifacts WHERE sha256 = ?")) {
            ps.setString(1, sha.hex());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void insertArtifact(Connection c, Spool s) throws SQLException, IOException {
        String sql = dialect.ignoringDuplicates(
                "INSERT INTO mlops_artifacts (sha256, size, bytes, stored_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)");
        try (InputStream in = s.open(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.sha256().hex());
            ps.setLong(2, s.size());
            ps.setBinaryStream(3, in, s.size());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!Dialect.isUniqueViolation(e)) {
                throw e; // else the same bytes were stored concurrently (H2): identical by their hash
            }
        }
    }

    /** Step 2: lock the model, decide, commit the entry and its materialized change. */
    private <T> T commit(Connection c, String model, Transaction<T> tx, ArtifactInfo uploaded, Spool spool,
            ModelState[] committed) throws SQLException, IOException {
        long[] head = lockModel(c, model);
        if (head == null) {
            String insert = dialect.ignoringDuplicates("INSERT INTO mlops_models (name, head_seq, head_hash, updated_at)"
                    + " VALUES (?, 0, ?, CURRENT_TIMESTAMP)");
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, model);
                ps.setString(2, AuditEntry.GENESIS.toString());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!Dialect.isUniqueViolation(e)) {
                    throw e; // else created concurrently (H2): lock it below
                }
            }
            head = lockModel(c, model);
            Checks.checkState(head != null, "the row of model %s vanished", Checks.quote(model));
        }
        ModelState current = catchUp(c, model, head[0]);
        Transaction.Decision<T> d = tx.decide(current, uploaded);
        AuditEntry e = d.entry();
        if (e == null) {
            return d.result();
        }
        ModelState next = current.apply(e); // checks that the entry follows the head
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO mlops_audit (model, seq, action, hash, entry) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, model);
            ps.setLong(2, e.sequence());
            ps.setString(3, e.action().jsonName());
            ps.setString(4, e.hash().toString());
            ps.setString(5, RegistryJson.auditToJson(e));
            ps.executeUpdate();
        }
        materialize(c, current, next, spool);
        try (PreparedStatement ps = c.prepareStatement("UPDATE mlops_models SET head_seq = ?, head_hash = ?,"
                + " updated_at = CURRENT_TIMESTAMP WHERE name = ? AND head_seq = ?")) {
            ps.setLong(1, next.headSequence());
            ps.setString(2, next.headHash().toString());
            ps.setString(3, model);
            ps.setLong(4, current.headSequence());
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("the head of model " + Checks.quote(model) + " moved during an update"
                        + " that held its lock; is another program writing to " + where + "?");
            }
        }
        committed[0] = next;
        return d.result();
    }

    /** Locks a model's row; its head sequence, or null when there is no row. */
    private long[] lockModel(Connection c, String model) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT head_seq FROM mlops_models WHERE name = ? FOR UPDATE")) {
            ps.setString(1, model);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1)} : null;
            }
        }
    }

    /** Brings the version and alias tables from {@code before} to {@code after}. */
    private void materialize(Connection c, ModelState before, ModelState after, Spool spool)
            throws SQLException, IOException {
        String model = after.name();
        for (Map.Entry<String, Integer> a : before.aliases().entrySet()) {
            if (!a.getValue().equals(after.aliases().get(a.getKey()))) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM mlops_aliases WHERE model = ? AND alias = ?")) {
                    ps.setString(1, model);
                    ps.setString(2, a.getKey());
                    ps.executeUpdate();
                }
            }
        }
        for (ModelVersion v : before.versions()) {
            if (after.version(v.version()).isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM mlops_versions WHERE model = ? AND version = ?")) {
                    ps.setString(1, model);
                    ps.setInt(2, v.version());
                    ps.executeUpdate();
                }
            }
        }
        for (ModelVersion v : after.versions()) {
            Optional<ModelVersion> old = before.version(v.version());
            if (old.isEmpty()) {
                ensureArtifact(c, v, spool);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO mlops_versions (model, version, sha256, size, status) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, model);
                    ps.setInt(2, v.version());
                    ps.setString(3, v.sha256().hex());
                    ps.setLong(4, v.size());
                    ps.setString(5, v.status().jsonName());
                    ps.executeUpdate();
                } catch (SQLException x) {
                    if (Dialect.isForeignKeyViolation(x)) {
                        // garbage collection removed the artifact after ensureArtifact saw it: run again
                        throw new SQLTransactionRollbackException("the artifact " + v.sha256() + " was deleted"
                                + " concurrently", "40001", x);
                    }
                    throw x;
                }
            } else if (old.get().status() != v.status()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE mlops_versions SET status = ? WHERE model = ? AND version = ?")) {
                    ps.setString(1, v.status().jsonName());
                    ps.setString(2, model);
                    ps.setInt(3, v.version());
                    ps.executeUpdate();
                }
            }
        }
        for (Map.Entry<String, Integer> a : after.aliases().entrySet()) {
            if (!a.getValue().equals(before.aliases().get(a.getKey()))) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO mlops_aliases (model, alias, version) VALUES (?, ?, ?)")) {
                    ps.setString(1, model);
                    ps.setString(2, a.getKey());
                    ps.setInt(3, a.getValue());
                    ps.executeUpdate();
                }
            }
        }
    }

    /**
     * Makes sure a new version's artifact is stored: it normally is (step 1), but garbage collection may
     * have removed an unreferenced copy that step 1 found and reused; then the spooled bytes are stored
     * again, in this transaction.
     */
    private void ensureArtifact(Connection c, ModelVersion v, Spool spool) throws SQLException, IOException {
        if (artifactExists(c, v.sha256())) {
            return;
        }
        if (spool == null || !spool.sha256().equals(v.sha256())) {
            throw new IllegalStateException("version " + v.version() + " of model " + Checks.quote(v.model())
                    + " refers to artifact " + v.sha256() + ", which is not stored in " + where);
        }
        insertArtifact(c, spool);
    }

    private void releaseLease(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM mlops_uploads WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            // the lease expires by itself after the upload lease time
            LOG.log(System.Logger.Level.WARNING, "could not release upload lease " + id + " in " + where + ": " + e);
        }
    }

    // ----------------------------------------------------------------------------------- read

    @Override
    public Optional<ModelState> read(String model) {
        checkOpen();
        Checks.checkNotNull(model, "model");
        return withConnection("read model " + Checks.quote(model), c -> {
            long head = headSequence(c, model);
            if (head == 0) {
                return Optional.<ModelState>empty();
            }
            return Optional.of(catchUp(c, model, head));
        });
    }

    @Override
    public long headSequence(String model) {
        checkOpen();
        Checks.checkNotNull(model, "model");
        return withConnection("read the head of model " + Checks.quote(model), c -> headSequence(c, model));
    }

    private static long headSequence(Connection c, String model) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT head_seq FROM mlops_models WHERE name = ?")) {
            ps.setString(1, model);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * The model's state at sequence {@code head}: the cached state, with the audit rows after it applied.
     * The rows up to a committed head are committed (each commits with its head), so this reads a
     * consistent prefix of the log at any isolation level from read committed up.
     */
    private ModelState catchUp(Connection c, String model, long head) throws SQLException {
        ModelState s = cache.get(model);
        if (s == null || s.headSequence() > head) {
            s = ModelState.absent(model);
        }
        if (s.headSequence() == head) {
            return s;
        }
        List<AuditEntry> newer = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT entry FROM mlops_audit WHERE model = ? AND seq > ? AND seq <= ? ORDER BY seq")) {
            ps.setString(1, model);
            ps.setLong(2, s.headSequence());
            ps.setLong(3, head);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    newer.add(RegistryJson.auditFromJson(rs.getString(1)));
                }
            }
        }
        ModelState next;
        try {
            next = s.apply(newer);
        } catch (IllegalStateException | MlopsException e) {
            throw new RegistryException("the audit log of model " + Checks.quote(model) + " in " + where
                    + " is inconsistent: " + e.getMessage(), e);
        }
        if (next.headSequence() != head) {
            throw new RegistryException("the audit log of model " + Checks.quote(model) + " in " + where + " ends at "
                    + next.headSequence() + " but its head is " + head);
        }
        remember(next);
        return next;
    }

    private void remember(ModelState s) {
        cache.merge(s.name(), s, (old, n) -> n.headSequence() >= old.headSequence() ? n : old);
    }

    @Override
    public List<String> modelNames() {
        checkOpen();
        return withConnection("list models", c -> {
            List<String> names = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT name FROM mlops_models WHERE head_seq > 0")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            names.sort(null); // Java's order, not the database collation's
            return names;
        });
    }

    @Override
    public List<AuditEntry> audit(String model, long afterSequence, int limit) {
        checkOpen();
        Checks.checkNotNull(model, "model");
        Checks.checkArgument(limit >= 0, "limit must be >= 0 but was %d", limit);
        if (limit == 0) {
            return List.of();
        }
        return withConnection("read the audit log of model " + Checks.quote(model), c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT entry FROM mlops_audit WHERE model = ? AND seq > ? ORDER BY seq LIMIT ?")) {
                ps.setString(1, model);
                ps.setLong(2, afterSequence);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(RegistryJson.auditFromJson(rs.getString(1)));
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public Optional<InputStream> openArtifact(Fingerprint sha256) {
        checkOpen();
        Checks.checkNotNull(sha256, "sha256");
        return withConnection("read artifact " + sha256, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT bytes FROM mlops_artifacts WHERE sha256 = ?")) {
                ps.setString(1, sha256.hex());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<InputStream>empty();
                    }
                    try (InputStream in = rs.getBinaryStream(1);
                            Spool s = Spool.read(in, MEMORY_SPOOL_BYTES, spoolDirectory, Long.MAX_VALUE)) {
                        return Optional.of(s.handOver());
                    }
                }
            }
        });
    }

    @Override
    public List<ArtifactInfo> artifacts() {
        checkOpen();
        return withConnection("list artifacts", c -> {
            List<ArtifactInfo> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT sha256, size FROM mlops_artifacts")) {
                while (rs.next()) {
                    out.add(new ArtifactInfo(Fingerprint.parse("sha256:" + rs.getString(1)), rs.getLong(2)));
                }
            }
            out.sort((a, b) -> a.sha256().compareTo(b.sha256()));
            return out;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>An artifact is spared while an upload lease on it is younger than {@link Builder#uploadLease} (by
     * the database's clock); older leases, left by crashed processes, are deleted. Each artifact is deleted
     * in its own transaction, and only when still unreferenced then; the foreign key from
     * {@code mlops_versions} refuses a delete that races with a new version of the same bytes (that artifact
     * is then kept).
     */
    @Override
    public List<ArtifactInfo> deleteUnreferencedArtifacts() {
        checkOpen();
        OffsetDateTime cutoff = withConnection("read the database time", c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CURRENT_TIMESTAMP")) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).minus(uploadLease);
            }
        });
        String unreferenced = " NOT EXISTS (SELECT 1 FROM mlops_versions v WHERE v.sha256 = a.sha256)"
                + " AND NOT EXISTS (SELECT 1 FROM mlops_uploads u WHERE u.sha256 = a.sha256 AND u.started_at > ?)";
        List<ArtifactInfo> candidates = withConnection("find unreferenced artifacts", c -> {
            List<ArtifactInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT a.sha256, a.size FROM mlops_artifacts a WHERE"
                    + unreferenced)) {
                ps.setObject(1, cutoff);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ArtifactInfo(Fingerprint.parse("sha256:" + rs.getString(1)), rs.getLong(2)));
                    }
                }
            }
            return out;
        });
        List<ArtifactInfo> deleted = new ArrayList<>();
        for (ArtifactInfo a : candidates) {
            boolean gone = inTransaction("delete artifact " + a.sha256(), c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM mlops_artifacts a WHERE a.sha256 = ? AND"
                        + unreferenced)) {
                    ps.setString(1, a.sha256().hex());
                    ps.setObject(2, cutoff);
                    return ps.executeUpdate() == 1;
                } catch (SQLException e) {
                    if (Dialect.isForeignKeyViolation(e)) {
                        return false; // a version referring to it committed meanwhile: keep it
                    }
                    throw e;
                }
            });
            if (gone) {
                deleted.add(a);
            }
        }
        inTransaction("delete expired upload leases", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM mlops_uploads WHERE started_at <= ?")) {
                ps.setObject(1, cutoff);
                return ps.executeUpdate();
            }
        });
        deleted.sort((x, y) -> x.sha256().compareTo(y.sha256()));
        return deleted;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return description();
    }

    // ------------------------------------------------------------------------------ plumbing

    /** Work on a connection. */
    @FunctionalInterface
    private interface SqlWork<R> {
        R run(Connection c) throws SQLException, IOException;
    }

    /** Runs single statements on a connection in auto-commit mode (each statement sees committed data). */
    private <R> R withConnection(String what, SqlWork<R> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        } catch (IOException e) {
            throw new RegistryException("could not " + what + " in " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one READ COMMITTED transaction, committing when it returns and rolling back when
     * it throws; runs it again on a transient conflict ({@link Dialect#isRetryable}), up to
     * {@link #maxAttempts} times.
     */
    private <R> R inTransaction(String what, SqlWork<R> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (!Dialect.isRetryable(e)) {
                    throw failure(what, e);
                }
                if (attempt >= maxAttempts) {
                    throw new RegistryException("could not " + what + " in " + where + ": " + maxAttempts
                            + " attempts each ended in a conflict with concurrent transactions (SQLState "
                            + e.getSQLState() + "); the last: " + e.getMessage(), e);
                }
                pause(attempt);
            } catch (IOException e) {
                throw new RegistryException("could not " + what + " in " + where + ": " + e.getMessage(), e);
            }
        }
    }

    private <R> R once(SqlWork<R> work) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                R r = work.run(c);
                c.commit();
                return r;
            } catch (SQLException | IOException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                restore(c, autoCommit, isolation);
            }
        }
    }

    private static void restore(Connection c, boolean autoCommit, int isolation) {
        try {
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not restore a connection's settings: " + e);
        }
    }

    /** A short, growing pause before running a conflicting transaction again (1, 2, 4, ... 64 ms). */
    private void pause(int attempt) {
        try {
            Thread.sleep(1L << Math.min(attempt - 1, 6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while retrying a transaction in " + where, e);
        }
    }

    private RegistryException failure(String what, SQLException e) {
        return new RegistryException("could not " + what + " in " + description() + ": " + e.getMessage()
                + " (SQLState " + e.getSQLState() + ")", e);
    }

    private void checkOpen() {
        Checks.checkState(!closed, "the JDBC store at %s is closed", where);
    }

    /**
     * Options of a {@link JdbcRegistryStore}; each may be set once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private Duration uploadLease;
        private int maxAttempts;
        private Path spoolDirectory;
        private boolean spoolDirectorySet;

        private Builder(DataSource dataSource) {
            this.dataSource = Checks.checkNotNull(dataSource, "dataSource");
        }

        /**
         * How long garbage collection spares an artifact whose update has not finished (default one hour):
         * longer than any update takes from storing its artifact to committing. A lease older than this is
         * treated as left by a crashed process.
         */
        public Builder uploadLease(Duration lease) {
            Checks.checkState(uploadLease == null, "uploadLease was already set to %s", uploadLease);
            Checks.checkNotNull(lease, "lease");
            Checks.checkArgument(!lease.isNegative() && !lease.isZero(), "uploadLease must be positive but was %s", lease);
            this.uploadLease = lease;
            return this;
        }

        /** How many times a transaction runs before a conflict is reported (default 10; at least 1). */
        public Builder maxAttempts(int attempts) {
            Checks.checkState(maxAttempts == 0, "maxAttempts was already set to %d", maxAttempts);
            Checks.checkArgument(attempts >= 1, "maxAttempts must be >= 1 but was %d", attempts);
            this.maxAttempts = attempts;
            return this;
        }

        /** Where artifacts larger than 1 MiB are spooled (default: the JVM's temporary directory). */
        public Builder spoolDirectory(Path directory) {
            Checks.checkState(!spoolDirectorySet, "spoolDirectory was already set to %s", spoolDirectory);
            this.spoolDirectory = Checks.checkNotNull(directory, "directory");
            this.spoolDirectorySet = true;
            return this;
        }

        /**
         * Opens the store: detects the database, creates or migrates the schema.
         *
         * @throws RegistryException when the database is not supported, cannot be reached, or has a schema
         *                           newer than this library knows
         */
        public JdbcRegistryStore open() {
            if (uploadLease == null) {
                uploadLease = Duration.ofHours(1);
            }
            if (maxAttempts == 0) {
                maxAttempts = 10;
            }
            Dialect dialect;
            String where;
            try (Connection c = dataSource.getConnection()) {
                dialect = Dialect.detect(c.getMetaData());
                String url = c.getMetaData().getURL();
                where = url == null ? "a " + dialect.product() + " database" : UrlDataSource.redact(url);
            } catch (SQLException e) {
                throw new RegistryException("could not connect to the registry database: " + e.getMessage()
                        + " (SQLState " + e.getSQLState() + ")", e);
            }
            JdbcRegistryStore store = new JdbcRegistryStore(this, dialect, where);
            for (int attempt = 1;; attempt++) {
                try {
                    store.inTransaction("create or migrate the registry schema", c -> Schema.migrate(c, dialect, where));
                    return store;
                } catch (RegistryException e) {
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
            return "JdbcRegistryStore.Builder{uploadLease=" + uploadLease + ", maxAttempts=" + maxAttempts
                    + ", spoolDirectory=" + spoolDirectory + "}";
        }
    }
}
