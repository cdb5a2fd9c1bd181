package org.mlops4j.cli;

import java.util.function.Supplier;
import org.mlops4j.MlopsException;
import org.mlops4j.internal.UrlDataSource;
import org.mlops4j.registry.ModelRegistry;
import org.mlops4j.registry.jdbc.JdbcRegistryStore;
import org.mlops4j.training.tracking.RunStore;
import org.mlops4j.training.tracking.jdbc.JdbcRunStore;

/**
 * Opens the database stores the command line names with {@code --jdbc URL}: the model registry
 * ({@code mlops registry}, {@code mlops train}) and the run store ({@code mlops train}). The H2 and
 * PostgreSQL drivers are on the command line's class path; each store creates or migrates its own tables.
 * A failure to open one is exit code 2 with the store's message, and never shows the URL's parameters,
 * which may hold a password: the stores leave them out already, and a message that still quotes them
 * (a driver's own text) is cut here as well.
 */
final class JdbcStores {
    private JdbcStores() {}

    /** The registry over the database at {@code url}. */
    static ModelRegistry registry(String url) {
        return open(url, () -> ModelRegistry.builder(JdbcRegistryStore.open(url)).build());
    }

    /** The run store over the database at {@code url}. */
    static RunStore runs(String url) {
        return open(url, () -> JdbcRunStore.open(url));
    }

    private static <T> T open(String url, Supplier<T> opener) {
        try {
            return opener.get();
        } catch (MlopsException | IllegalArgumentException e) {
            throw new InputException(redact(String.valueOf(e.getMessage()), url), e);
        }
    }

    /** {@code message} without the parameters of {@code url}. */
    static String redact(String message, String url) {
        String base = UrlDataSource.redact(url);
        String parameters = url.substring(base.length());
        if (parameters.isEmpty()) {
            return message;
        }
        return message.replace(url, base + "?...").replace(parameters, "?...");
    }
}
