package org.mlops4j.training.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.mlops4j.data.Table;
import org.mlops4j.internal.Checks;
import org.mlops4j.model.Model;
import org.mlops4j.registry.ModelRegistry;
import org.mlops4j.registry.ModelSerializer;
import org.mlops4j.training.Environment;
import org.mlops4j.training.tracking.RunStore;
import org.mlops4j.training.tracking.Tracker;

/**
 * A training pipeline run as one transaction: validate the data against the schema, split, train,
 * evaluate, gate the candidate against the current champion, register it, and move the alias by
 * compare-and-swap. The champion version is read once when the run starts; the gate compares
 * against that version (loaded from the registry, checksum verified), and the alias moves only if
 * it still points there ({@code Expected.version(n)}, or {@code Expected.none()} for a first model).
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Any failure at any step leaves the alias untouched. The run ({@link PipelineRun}, stored in
 *       the {@link RunStore}) says which {@link PipelineStep} stopped it and why. A version registered
 *       before a lost compare-and-swap stays registered, not promoted, and the run says so.</li>
 *   <li>A spec without a gate cannot promote ({@link PipelineSpec.Builder#build()} refuses it).
 *       With no champion yet, the gate is decided without a baseline: its {@code missingBaseline}
 *       policy decides (FAIL by default, so a first model needs {@code missingBaseline(SKIP)} or
 *       absolute requirements only).</li>
 *   <li>Steps are cached by content: each step's key is the SHA-256 of the step's inputs and its
 *       upstream step's key. VALIDATE: the data fingerprint, the schema JSON, the mlops4j version.
 *       SPLIT: the split, the target, the seed. TRAIN: the target, the trainer's name and
 *       configuration, the seed, the mlops4j and Smile versions. EVALUATE: the metrics. GATE: the
 *       gate's JSON and the champion's version and SHA-256. The results of VALIDATE, TRAIN (the
 *       serialized model) and EVALUATE (the metrics) are reused on a hit; the split is recomputed
 *       (cheap and deterministic) and the gate is always decided. A candidate identical to the
 *       champion (same artifact SHA-256) is neither gated nor registered again.</li>
 * </ul>
 *
 * <p>Two pieces of work run ahead of their steps on the {@link Builder#executor(Executor) executor}:
 * loading and scoring the champion on the test rows (beside TRAIN), and scoring the candidate on
 * them (beside its serialization). The step that needs a result runs any part no thread has
 * started, so a busy, refusing or idle executor only costs time; results never depend on it.
 *
 * <p>Immutable and thread-safe: concurrent runs are independent, and the alias's compare-and-swap
 * lets at most one of them promote from a given champion.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.builder(spec).registry(registry).runs(RunStore.filesystem(dir.resolve("runs")))
 *         .cache(StepCache.filesystem(dir.resolve("cache"))).build();
 * PipelineRun r = p.run(table, "nightly schedule");
 * }</pre>
 */
public final class Pipeline {
    private final PipelineSpec spec;
    private final ModelRegistry registry;
    private final Tracker tracker;
    private final StepCache cache;
    private final Environment environment;
    private final ModelSerializer<Model> serializer;
    private final PipelineListener listener;
    private final Executor executor;

    private Pipeline(Builder b) {
        this.spec = b.spec;
        this.registry = b.registry;
        Clock clock = b.clock == null ? registry.clock() : b.clock;
        this.tracker = Tracker.of(b.runs == null ? RunStore.inMemory() : b.runs, clock);
        this.cache = b.cache == null ? StepCache.inMemory() : b.cache;
        this.environment = b.environment == null ? Environment.current() : b.environment;
        this.serializer = b.serializer == null ? TrainedModelSerializer.INSTANCE : b.serializer;
        this.listener = b.listener == null ? new PipelineListener() {} : b.listener;
        this.executor = b.executor == null ? ForkJoinPool.commonPool() : b.executor;
    }

    /** A builder for a pipeline doing {@code spec}. */
    public static Builder builder(PipelineSpec spec) {
        return new Builder(spec);
    }

    public PipelineSpec spec() {
        return spec;
    }

    public ModelRegistry registry() {
        return registry;
    }

    public RunStore runs() {
        return tracker.store();
    }

    /** Runs the pipeline on {@code data} (reason: {@code "manual"}). */
    public PipelineRun run(Table data) {
        return run(data, "manual");
    }

    /**
     * Runs the pipeline on {@code data}, recording {@code reason} (the trigger and its evidence) in the run.
     * Never throws for a step's failure: the returned run is FAILED and says where and why. Throws
     * only when the run store itself cannot be written.
     */
    public PipelineRun run(Table data, String reason) {
        Checks.checkNotNull(data, "data");
        Checks.checkNotNull(reason, "reason");
        return new PipelineExecution(spec, registry, tracker.start(spec.model(), reason), cache, environment,
                serializer, listener, executor, tracker.clock(), reason).run(data);
    }

    @Override
    public String toString() {
        return "Pipeline[" + spec + ", " + tracker + ", " + cache + "]";
    }

    /** Builds a {@link Pipeline}. Not thread-safe. */
    public static final class Builder {
        private final PipelineSpec spec;
        private ModelRegistry registry;
        private RunStore runs;
        private StepCache cache;
        private Clock clock;
        private Environment environment;
        private ModelSerializer<Model> serializer;
        private PipelineListener listener;
        private Executor executor;

        private Builder(PipelineSpec spec) {
            this.spec = Checks.checkNotNull(spec, "spec");
        }

        /** The registry the champion is read from and the candidate registered in (required). */
        public Builder registry(ModelRegistry r) {
            this.registry = Checks.checkNotNull(r, "registry");
            return this;
        }

        /** Where runs are recorded (default: in memory). */
        public Builder runs(RunStore store) {
            this.runs = Checks.checkNotNull(store, "runs");
            return this;
        }

        /** The step cache (default: in memory, per pipeline; {@link StepCache#none()} to disable). */
        public Builder cache(StepCache c) {
            this.cache = Checks.checkNotNull(c, "cache");
            return this;
        }

        /**
         * The registry, runs and cache in one directory: {@code DIR/registry}, {@code DIR/runs},
         * {@code DIR/cache} (the run store and cache beside the registry, not inside it).
         * The caller closes the registry ({@link #registry()} of the built pipeline).
         */
        public Builder directory(Path dir) {
            Checks.checkNotNull(dir, "dir");
            registry(ModelRegistry.filesystem(dir.resolve("registry")));
            runs(RunStore.filesystem(dir.resolve("runs")));
            return cache(StepCache.filesystem(dir.resolve("cache")));
        }

        /** The clock of run times and training contexts (default: the registry's). */
        public Builder clock(Clock c) {
            this.clock = Checks.checkNotNull(c, "clock");
            return this;
        }

        /** The library versions recorded and keyed (default: {@link Environment#current()}). */
        public Builder environment(Environment env) {
            this.environment = Checks.checkNotNull(env, "environment");
            return this;
        }

        /**
         * How models are written to the cache and the registry and read back (default: Java
         * serialization, reading only {@code TrainedModel}s through their allow-list).
         */
        public Builder serializer(ModelSerializer<Model> s) {
            this.serializer = Checks.checkNotNull(s, "serializer");
            return this;
        }

        /**
         * Where the champion is loaded and scored on the test rows while the candidate trains
         * (default {@link ForkJoinPool#commonPool()}; {@code Runnable::run} keeps the whole run on the
         * calling thread). A busy or refusing executor only delays that work: the gate then does it
         * itself. Results never depend on the executor.
         */
        public Builder executor(Executor e) {
            this.executor = Checks.checkNotNull(e, "executor");
            return this;
        }

        /** Hears the steps as they run. */
        public Builder listener(PipelineListener l) {
            this.listener = Checks.checkNotNull(l, "listener");
            return this;
        }

        /**
         * The pipeline.
         *
         * @throws IllegalStateException when no registry was set
         */
        public Pipeline build() {
            Checks.checkState(registry != null, "a pipeline needs a registry: set registry(...) or directory(...)");
            return new Pipeline(this);
        }

        @Override
        public String toString() {
            return "Pipeline.Builder[" + spec + ", registry=" + registry + ", runs=" + runs + ", cache=" + cache + "]";
        }
    }
}
