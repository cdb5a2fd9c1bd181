package org.mlops4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mlops4j.registry.ModelRegistry;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops registry --store DIR | --jdbc URL COMMAND}: the commands on a model registry
 * ({@code register}, {@code list}, {@code versions}, {@code show}, {@code alias}, {@code history},
 * {@code verify}, {@code fsck}, {@code gc}); holds the store options and only dispatches.
 * Documented in docs/cli.md.
 */
@Command(name = "registry", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Registers, lists, promotes and checks model versions in an mlops4j model registry.",
            "The store comes before the command: 'mlops registry --store models register churn model.bin'."
        },
        subcommands = {RegistryRegisterCommand.class, RegistryListCommand.class, RegistryVersionsCommand.class,
            RegistryShowCommand.class, RegistryAliasCommand.class, RegistryHistoryCommand.class,
            RegistryVerifyCommand.class, RegistryFsckCommand.class, RegistryGcCommand.class},
        commandListHeading = "%nCommands:%n")
final class RegistryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    StoreOptions store;

    /** Exactly one of the two stores. */
    static final class StoreOptions {
        @Option(names = "--store", paramLabel = "DIR", description = "A filesystem registry: the directory "
                + "('register' creates it when absent; the other commands need it to exist).")
        Path directory;

        @Option(names = "--jdbc", paramLabel = "URL", description = "A database registry, such as "
                + "jdbc:postgresql://host/db?user=u&password=p or jdbc:h2:/path/registry (the schema is created "
                + "when absent).")
        String url;
    }

    /** Without a subcommand: the usage on stderr, and exit code 2. */
    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        cl.getErr().println(spec.qualifiedName() + ": missing command");
        cl.usage(cl.getErr());
        return ExitCode.USAGE_OR_INPUT;
    }

    /** The filesystem directory, or {@code null} for a database registry. */
    Path directory() {
        return store.directory;
    }

    /**
     * Opens the registry the options name.
     *
     * @param create whether a missing directory may be created (only {@code register})
     * @throws InputException when the directory is missing (and may not be created) or is a file
     */
    ModelRegistry open(boolean create) {
        if (store.url != null) {
            return JdbcStores.registry(store.url);
        }
        Path dir = store.directory;
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException(dir + ": is a file, not a registry directory");
        }
        if (!create && !Files.exists(dir)) {
            throw new InputException(dir + ": no such registry directory ('register' creates one)");
        }
        return ModelRegistry.filesystem(dir);
    }
}
