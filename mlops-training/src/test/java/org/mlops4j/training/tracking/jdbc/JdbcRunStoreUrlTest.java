package org.mlops4j.training.tracking.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlops4j.MlopsException;
import org.mlops4j.training.tracking.Run;
import org.mlops4j.training.tracking.RunStatus;
import org.mlops4j.training.tracking.Tracker;

/** {@link JdbcRunStore#open(String)} and {@link JdbcRunStore#builder(String)}: a store from a JDBC URL. */
class JdbcRunStoreUrlTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void open_h2FileUrlWithAPassword_storesRunsAndNeverShowsThePassword() {
        // GIVEN an H2 database file guarded by a password given in the URL
        String base = "jdbc:h2:file:" + tmp.resolve("mlops").toAbsolutePath();
        String url = base + ";USER=ml;PASSWORD=s3cret";

        // WHEN a run is recorded through one store and read through another opened on the same URL
        JdbcRunStore writer = JdbcRunStore.open(url);
        Run done = Tracker.of(writer, CLOCK).start("weather", "nightly").parameter("trees", "50").finish();
        JdbcRunStore reader = JdbcRunStore.builder(url).maxAttempts(3).open();

        // THEN the second store reads the run back, and neither says the password
        assertThat(reader.find(done.id())).hasValue(done);
        assertThat(reader.list()).extracting(Run::status).containsExactly(RunStatus.FINISHED);
        assertThat(writer.description()).isEqualTo("JDBC run store (H2) at " + base);
        assertThat(reader).hasToString(writer.description());
    }

    @Test
    void open_wrongPassword_isRefusedWithoutThePassword() {
        // GIVEN a database created with one password
        String base = "jdbc:h2:file:" + tmp.resolve("mlops").toAbsolutePath();
        JdbcRunStore.open(base + ";USER=ml;PASSWORD=right");

        // WHEN it is opened with another
        Throwable t = catchThrowable(() -> JdbcRunStore.open(base + ";USER=ml;PASSWORD=wr0ng"));

        // THEN the failure says why, in no message of the chain the password
        assertThat(t).isInstanceOf(MlopsException.class)
                .hasMessageStartingWith("could not connect to the run store database: Wrong user name or password");
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage())).doesNotContain("wr0ng");
        }
    }

    @Test
    void open_noDriverForTheUrl_isRefusedWithoutTheParameters() {
        Throwable t = catchThrowable(() -> JdbcRunStore.open("jdbc:nosuchdb://db/ml?user=u&password=s3cret"));

        assertThat(t).isInstanceOf(MlopsException.class)
                .hasMessage("could not connect to the run store database: No suitable driver found for "
                        + "jdbc:nosuchdb://db/ml (SQLState 08001)");
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage())).doesNotContain("s3cret");
        }
    }

    @Test
    void open_notAJdbcUrl_isRefusedNamingItWithoutTheParameters() {
        Throwable t = catchThrowable(() -> JdbcRunStore.open("postgres://db/ml?password=s3cret"));

        assertThat(t).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url must start with 'jdbc:' but was 'postgres://db/ml'");
    }
}
