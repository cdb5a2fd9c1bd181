package org.mlops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlops4j.internal.Json;
import org.mlops4j.registry.ModelRegistry;
import org.mlops4j.registry.ModelVersion;
import org.mlops4j.registry.jdbc.JdbcRegistryStore;
import org.mlops4j.training.tracking.Run;
import org.mlops4j.training.tracking.RunStatus;
import org.mlops4j.training.tracking.jdbc.JdbcRunStore;

/**
 * {@code mlops train --jdbc URL}: the registry and the runs in one database (an H2 file always; PostgreSQL
 * when {@code MLOPS4J_TEST_PG_URL} is set), the step cache in {@code --cache DIR} or none; and the usage
 * errors. Same config and data as {@link TrainCommandTest} (the committed seattle-weather example).
 */
class TrainJdbcCommandTest {
    private static final Path CONFIG = Path.of("../samples/src/main/resources/pipeline/pipeline.json");
    private static final Path DATA = Path.of("../samples/src/main/resources/data/seattle-weather.csv");
    private static final String PG_URL_VARIABLE = "MLOPS4J_TEST_PG_URL";

    @TempDir
    Path tmp;

    private static CliRun train(String... storeArgs) {
        List<String> all = new ArrayList<>(List.of("train", "--config", CONFIG.toString(), "--data",
                DATA.toString(), "--format", "json"));
        all.addAll(List.of(storeArgs));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Json.mapper().readTree(run.out());
    }

    @Test
    void train_jdbcH2WithoutCache_promotesThenRetrainsTheSameModel() throws IOException {
        // GIVEN an empty H2 database file
        String url = "jdbc:h2:file:" + tmp.resolve("mlops").toAbsolutePath();

        // WHEN the example pipeline runs on it twice, without --cache
        JsonNode a = json(train("--jdbc", url));
        JsonNode b = json(train("--jdbc", url));

        // THEN the first run registers and promotes version 1; the second trains again (nothing is cached)
        // to the same artifact, so it registers nothing
        assertThat(a.get("status").asText()).isEqualTo("FINISHED");
        assertThat(a.get("cached").asBoolean()).isFalse();
        assertThat(a.get("registeredVersion").asInt()).isEqualTo(1);
        assertThat(a.get("promoted").asBoolean()).isTrue();
        assertThat(b.get("status").asText()).isEqualTo("FINISHED");
        assertThat(b.get("cached").asBoolean()).isFalse();
        assertThat(b.get("steps")).allSatisfy(s -> assertThat(s.get("cached").asBoolean()).isFalse());
        assertThat(b.get("registeredVersion").isNull()).isTrue();
        assertThat(b.get("promoted").asBoolean()).isFalse();
        assertThat(b.get("metrics")).isEqualTo(a.get("metrics"));
        // AND the database holds the version, the alias and both runs, as the library's APIs read them
        assertInDatabase(url, a, b);
    }

    @Test
    void train_jdbcH2WithCache_secondRunIsServedFromTheCacheDirectory() throws IOException {
        // GIVEN an empty H2 database file and a step cache directory that does not exist yet
        String url = "jdbc:h2:file:" + tmp.resolve("mlops").toAbsolutePath();
        Path cache = tmp.resolve("cache");

        // WHEN the example pipeline runs twice with --cache
        JsonNode a = json(train("--jdbc", url, "--cache", cache.toString()));
        JsonNode b = json(train("--jdbc", url, "--cache", cache.toString()));

        // THEN the first promotes, the second takes validation, training and evaluation from the cache
        assertThat(a.get("cached").asBoolean()).isFalse();
        assertThat(a.get("registeredVersion").asInt()).isEqualTo(1);
        assertThat(a.get("promoted").asBoolean()).isTrue();
        assertThat(b.get("cached").asBoolean()).isTrue();
        assertThat(b.get("registeredVersion").isNull()).isTrue();
        assertThat(b.get("promoted").asBoolean()).isFalse();
        assertThat(b.get("metrics")).isEqualTo(a.get("metrics"));
        // AND the cache is in the directory, and nothing else of the store is written beside it
        try (Stream<Path> steps = Files.list(cache)) {
            assertThat(steps.map(p -> p.getFileName().toString())).contains("train");
        }
        assertInDatabase(url, a, b);
    }

    @Test
    void train_jdbcPostgres_promotesThenServesFromTheCache() throws IOException {
        // GIVEN a new schema in the test PostgreSQL server (skipped, with the reason, when there is none)
        String base = System.getenv(PG_URL_VARIABLE);
        Assumptions.assumeTrue(base != null && !base.isBlank(), PG_URL_VARIABLE + " is not set: the PostgreSQL "
                + "variant of 'mlops train --jdbc' is SKIPPED (start a throwaway server with .ci/start-postgres.sh)");
        String schema = "mlops_cli_train_" + ProcessHandle.current().pid();
        sql(base, "CREATE SCHEMA " + schema);
        try {
            String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            Path cache = tmp.resolve("cache");

            // WHEN the example pipeline runs twice on it, with --cache
            JsonNode a = json(train("--jdbc", url, "--cache", cache.toString()));
            JsonNode b = json(train("--jdbc", url, "--cache", cache.toString()));

            // THEN as on H2
            assertThat(a.get("registeredVersion").asInt()).isEqualTo(1);
            assertThat(a.get("promoted").asBoolean()).isTrue();
            assertThat(b.get("cached").asBoolean()).isTrue();
            assertThat(b.get("registeredVersion").isNull()).isTrue();
            assertInDatabase(url, a, b);
        } finally {
            sql(base, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** The version, the alias and both runs, read back through JdbcRegistryStore and JdbcRunStore. */
    private static void assertInDatabase(String url, JsonNode first, JsonNode second) {
        String model = first.get("model").asText();
        try (ModelRegistry registry = ModelRegistry.builder(JdbcRegistryStore.open(url)).build()) {
            assertThat(registry.allVersions(model)).extracting(ModelVersion::version).containsExactly(1);
            assertThat(registry.aliasTarget(model, first.get("alias").asText())).hasValue(1);
            assertThat(registry.version(model, 1).lineage().runId()).isEqualTo(first.get("runId").asText());
        }
        JdbcRunStore runs = JdbcRunStore.open(url);
        assertThat(runs.list()).extracting(Run::id)
                .containsExactly(first.get("runId").asText(), second.get("runId").asText());
        assertThat(runs.list()).extracting(Run::status).containsOnly(RunStatus.FINISHED);
    }

    private static void sql(String url, String statement) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------ bad usage

    @Test
    void train_bothStores_isAUsageError() {
        CliRun run = train("--store", tmp.resolve("s").toString(), "--jdbc", "jdbc:h2:file:" + tmp.resolve("db"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlops train: Error: --store=DIR, --jdbc=URL are mutually exclusive (specify "
                + "only one)\nTry 'mlops train --help' for more information.\n");
        assertThat(tmp.resolve("s")).doesNotExist();
    }

    @Test
    void train_noStore_isAUsageError() {
        CliRun run = train();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlops train: Error: Missing required argument (specify one of these): "
                + "(--store=DIR | --jdbc=URL)\nTry 'mlops train --help' for more information.\n");
    }

    @Test
    void train_cacheWithStore_isAUsageError() {
        CliRun run = train("--store", tmp.resolve("s").toString(), "--cache", tmp.resolve("c").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlops train: --cache goes with --jdbc; with --store DIR the step cache is "
                + "DIR/cache\nTry 'mlops train --help' for more information.\n");
        assertThat(tmp.resolve("s")).doesNotExist();
    }

    @Test
    void train_cacheIsAFile_isAnInputError() throws IOException {
        Path file = Files.writeString(tmp.resolve("cache.txt"), "not a directory");

        CliRun run = train("--jdbc", "jdbc:h2:file:" + tmp.resolve("db"), "--cache", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlops train: " + file + ": is a file, not a step cache directory (--cache)\n");
    }

    @Test
    void train_unreachableDatabase_exit2WithoutThePassword() {
        // GIVEN a PostgreSQL URL with credentials, on a port where nothing listens
        CliRun run = train("--jdbc", "jdbc:postgresql://127.0.0.1:1/ml?user=ci&password=s3cret");

        // THEN the driver's reason, and none of the URL's parameters
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("mlops train: could not connect to the registry database: Connection to "
                + "127.0.0.1:1 refused").doesNotContain("s3cret").doesNotContain("user=ci");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void train_noDriverForTheUrl_exit2NamingTheDatabaseWithoutThePassword() {
        CliRun run = train("--jdbc", "jdbc:nosuchdb://db/ml?user=ci&password=s3cret");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlops train: could not connect to the registry database: No suitable driver "
                + "found for jdbc:nosuchdb://db/ml (SQLState 08001)\n");
    }

    @Test
    void train_notAJdbcUrl_exit2WithoutThePassword() {
        CliRun run = train("--jdbc", "postgres://db/ml?user=ci&password=s3cret");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlops train: url must start with 'jdbc:' but was 'postgres://db/ml'\n");
    }

    @Test
    void train_wrongH2Password_exit2WithoutThePassword() {
        // GIVEN an H2 database created with one password
        String base = "jdbc:h2:file:" + tmp.resolve("mlops").toAbsolutePath();
        JdbcRunStore.open(base + ";USER=ml;PASSWORD=right");

        // WHEN mlops train is given another
        CliRun run = train("--jdbc", base + ";USER=ml;PASSWORD=wr0ng");

        // THEN
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("mlops train: could not connect to the registry database: Wrong user name "
                + "or password").doesNotContain("wr0ng");
    }
}
