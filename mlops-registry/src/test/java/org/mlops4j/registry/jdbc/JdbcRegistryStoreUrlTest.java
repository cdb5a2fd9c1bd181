package org.mlops4j.registry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlops4j.registry.RegistryException;

/** {@link JdbcRegistryStore#open(String)} and {@link JdbcRegistryStore#builder(String)}: a store from a JDBC URL. */
class JdbcRegistryStoreUrlTest {
    @TempDir
    Path tmp;

    @Test
    void open_h2FileUrlWithAPassword_opensAndNeverShowsThePassword() {
        // GIVEN an H2 database file guarded by a password given in the URL
        String base = "jdbc:h2:file:" + tmp.resolve("registry").toAbsolutePath();
        String url = base + ";USER=ml;PASSWORD=s3cret";

        // WHEN it is opened twice, once through the builder
        JdbcRegistryStore first = JdbcRegistryStore.open(url);
        JdbcRegistryStore second = JdbcRegistryStore.builder(url).maxAttempts(3).open();

        // THEN both work on the same empty registry, and neither says the password
        assertThat(second.modelNames()).isEmpty();
        assertThat(first.description()).isEqualTo("JDBC store (H2) at " + base);
        assertThat(second).hasToString(first.description());
    }

    @Test
    void open_noDriverForTheUrl_isRefusedWithoutTheParameters() {
        Throwable t = catchThrowable(() -> JdbcRegistryStore.open("jdbc:nosuchdb://db/ml?user=u&password=s3cret"));

        assertThat(t).isInstanceOf(RegistryException.class)
                .hasMessage("could not connect to the registry database: No suitable driver found for "
                        + "jdbc:nosuchdb://db/ml (SQLState 08001)");
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage())).doesNotContain("s3cret");
        }
    }

    @Test
    void builder_notAJdbcUrl_isRefusedNamingItWithoutTheParameters() {
        Throwable t = catchThrowable(() -> JdbcRegistryStore.builder("postgres://db/ml?password=s3cret"));

        assertThat(t).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url must start with 'jdbc:' but was 'postgres://db/ml'");
    }
}
