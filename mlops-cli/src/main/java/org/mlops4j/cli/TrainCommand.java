package org.mlops4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlops4j.data.Table;
import org.mlops4j.registry.ModelRegistry;
import org.mlops4j.training.pipeline.Pipeline;
import org.mlops4j.training.pipeline.PipelineRun;
import org.mlops4j.training.pipeline.PipelineSpec;
import org.mlops4j.training.pipeline.StepCache;
import org.mlops4j.training.pipeline.StepResult;
import org.mlops4j.training.tracking.RunStatus;
import org.mlops4j.training.tracking.RunStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mlops train --config pipeline.json --data FILE (--store DIR | --jdbc URL [--cache DIR])}: runs the
 * training pipeline (validate, split, train, evaluate, gate, register, promote) on a file, with the registry
 * and the runs in a directory or in one database. Documented in docs/cli.md.
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Runs a training pipeline (mlops4j.pipeline/1) on a data file as one transaction: validate against the "
                    + "schema, split, train, evaluate, gate against the champion, register, move the alias.",
            "With --store, the directory holds the model registry (DIR/registry), the tracked runs (DIR/runs) and "
                    + "the step cache (DIR/cache); unchanged inputs reuse the cached model.",
            "With --jdbc, the registry and the runs live in one database; the step cache is the --cache directory, "
                    + "and without --cache every step runs each time.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the run completed (promoted or not)",
            "1:a step failed (the output names the step and why); the champion is untouched",
            "2:bad usage, or a config or data file that is missing or cannot be used",
            "3:an internal error (a bug; the stack trace is printed)"
        })
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The pipeline (mlops4j.pipeline/1 JSON); a schema or gate given as a path is relative to it.")
    Path configFile;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The data (CSV or JSON lines).")
    Path dataFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    StoreOptions store;

    /** Exactly one of the two stores. */
    static final class StoreOptions {
        @Option(names = "--store", paramLabel = "DIR",
                description = "The store directory: DIR/registry, DIR/runs, DIR/cache (created when absent).")
        Path directory;

        @Option(names = "--jdbc", paramLabel = "URL", description = "The registry and the runs in one database, "
                + "such as jdbc:postgresql://host/db?user=u&password=p or jdbc:h2:/path/mlops (the tables are "
                + "created when absent).")
        String url;
    }

    @Option(names = "--cache", paramLabel = "DIR", description = "With --jdbc: the step cache directory (created "
            + "when absent); without it nothing is cached. With --store the cache is DIR/cache.")
    Path cache;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "mlops train",
            description = "Why this run happens, recorded in the run (default: ${DEFAULT-VALUE}).")
    String reason;

    @Mixin
    FormatOptions format;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        if (cache != null && store.url == null) {
            throw new ParameterException(spec.commandLine(), "--cache goes with --jdbc; with --store DIR the step "
                    + "cache is DIR/cache");
        }
        if (cache != null && Files.exists(cache) && !Files.isDirectory(cache)) {
            throw new InputException(cache + ": is a file, not a step cache directory (--cache)");
        }
        PipelineSpec pipelineSpec = readSpec(configFile);
        Table table = data.read(dataFile);
        PipelineRun run;
        Pipeline pipeline = pipeline(Pipeline.builder(pipelineSpec));
        try {
            run = pipeline.run(table, reason);
        } finally {
            pipeline.registry().close();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.format() == OutputFormat.JSON ? run.toJson() : text(run));
        out.flush();
        return run.status() == RunStatus.FAILED ? ExitCode.CHECK_FAILED : ExitCode.PASSED;
    }

    /**
     * The pipeline over the store the options name: a directory ({@link Pipeline.Builder#directory}), or
     * the registry and the runs in the database at {@code --jdbc}, with the {@code --cache} directory or no
     * cache. The caller closes the registry.
     */
    private Pipeline pipeline(Pipeline.Builder builder) {
        if (store.url == null) {
            return builder.directory(store.directory).build();
        }
        ModelRegistry registry = JdbcStores.registry(store.url);
        try {
            RunStore runs = JdbcStores.runs(store.url);
            StepCache steps = cache == null ? StepCache.none() : StepCache.filesystem(cache);
            return builder.registry(registry).runs(runs).cache(steps).build();
        } catch (RuntimeException | Error e) {
            registry.close();
            throw e;
        }
    }

    static PipelineSpec readSpec(Path file) {
        if (!Files.exists(file)) {
            throw new InputException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new InputException(file + ": is a directory, not a pipeline config");
        }
        try {
            return PipelineSpec.read(file);
        } catch (UncheckedIOException e) {
            throw new InputException(Inputs.describe(file, e.getCause()), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        }
    }

    static String text(PipelineRun run) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "run %s: %s%s (model '%s', alias '%s')\n", run.runId(), run.status(),
                run.cached() ? ", cached" : "", run.model(), run.alias()));
        for (StepResult s : run.steps()) {
            b.append(String.format(Locale.ROOT, "  %-8s  %-9s%s%s\n", s.step().key(), s.outcome(),
                    s.cached() ? " (cached)" : "", s.reason().isEmpty() ? "" : "  " + s.reason()));
        }
        run.metrics().forEach((k, v) -> b.append(String.format(Locale.ROOT, "  metric %s = %.4f\n", k, v)));
        b.append(String.format(Locale.ROOT, "registered version: %s; promoted: %s\n",
                run.registeredVersion().isPresent() ? Integer.toString(run.registeredVersion().getAsInt()) : "none",
                run.promoted() ? "yes" : "no"));
        return b.toString();
    }
}
