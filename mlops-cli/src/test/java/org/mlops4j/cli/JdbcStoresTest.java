package org.mlops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command line's last guard on a store's message: the URL's parameters cut wherever they are quoted. */
class JdbcStoresTest {
    private static final String URL = "jdbc:postgresql://db/ml?user=ci&password=s3cret";

    @Test
    void redact_wholeUrlOrItsParametersAlone_areCut() {
        assertThat(JdbcStores.redact("no database at " + URL + " today", URL))
                .isEqualTo("no database at jdbc:postgresql://db/ml?... today");
        assertThat(JdbcStores.redact("bad settings ?user=ci&password=s3cret", URL)).isEqualTo("bad settings ?...");
    }

    @Test
    void redact_urlWithoutParametersOrMessageWithoutThem_isUnchanged() {
        assertThat(JdbcStores.redact("no database at jdbc:h2:mem:x", "jdbc:h2:mem:x"))
                .isEqualTo("no database at jdbc:h2:mem:x");
        assertThat(JdbcStores.redact("Connection refused", URL)).isEqualTo("Connection refused");
    }
}
