package org.mlops4j.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlops4j.training.pipeline.PipelineFixtures.CLOCK;
import static org.mlops4j.training.pipeline.PipelineFixtures.ENV;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlops4j.data.Table;
import org.mlops4j.model.Predictions;
import org.mlops4j.model.TrainingContext;
import org.mlops4j.registry.ModelRegistry;
import org.mlops4j.registry.store.InMemoryRegistryStore;
import org.mlops4j.training.RandomForestRegressorTrainer;
import org.mlops4j.training.tracking.Run;
import org.mlops4j.training.tracking.RunStatus;
import org.mlops4j.training.tracking.RunStore;
import org.mlops4j.validation.gate.Outcome;
import org.mlops4j.validation.gate.QualityGate;
import org.mlops4j.validation.metrics.Evaluation;
import org.mlops4j.validation.metrics.Metric;
import org.mlops4j.validation.metrics.MetricInput;

/**
 * The work the pipeline runs ahead (the champion's and the candidate's test predictions) gives the
 * same runs whatever executes it: the calling thread, a pool, an executor that refuses, or one that
 * accepts and never runs; and the candidate's predictions, made in parts, equal the whole test
 * table's.
 */
class PipelineExecutorTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(4);
    private final Table data = PipelineFixtures.seattle();

    @AfterAll
    static void shutDown() throws InterruptedException {
        POOL.shutdownNow();
        POOL.awaitTermination(10, TimeUnit.SECONDS);
    }

    static Stream<Arguments> executors() {
        return Stream.of(
                Arguments.of("the calling thread", (java.util.concurrent.Executor) Runnable::run),
                Arguments.of("a pool of 4", POOL),
                Arguments.of("an executor that refuses", (java.util.concurrent.Executor) r -> {
                    throw new RejectedExecutionException("full");
                }),
                Arguments.of("an executor that never runs", (java.util.concurrent.Executor) r -> { }));
    }

    /** A first model, then a challenger with another seed gated against it: both runs' records. */
    private static List<String> twoRuns(Table data, java.util.concurrent.Executor executor) {
        List<String> out = new ArrayList<>();
        try (ModelRegistry registry = registry()) {
            RunStore runs = RunStore.inMemory();
            for (long seed : new long[] {7, 8}) {
                Pipeline p = Pipeline.builder(PipelineFixtures.spec(data).seed(seed).build()).registry(registry)
                        .runs(runs).cache(StepCache.none()).clock(CLOCK).environment(ENV).executor(executor).build();
                PipelineRun r = p.run(data, "seed " + seed);
                assertThat(r.status()).as("seed %d: %s", seed, r).isEqualTo(RunStatus.FINISHED);
                out.add(r.run().toJson());
                out.add(r.gateReport().orElseThrow().toJson());
            }
            assertThat(registry.aliasTarget("weather", "champion")).isPresent();
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void run_anyExecutor_sameRecordsAsOnTheCallingThread(String name, java.util.concurrent.Executor executor) {
        // GIVEN the records of two runs made on the calling thread
        List<String> expected = twoRuns(data, Runnable::run);

        // WHEN the same runs use another executor THEN every record is byte-identical
        List<String> actual = twoRuns(data, executor);
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(actual.get(3)).contains("\"baseline\": true");
    }

    @Test
    void run_classifier_metricsEqualThoseOfTheWholeTestTable() {
        PipelineSpec spec = PipelineFixtures.spec(data).build();
        PipelineRun r = Pipeline.builder(spec).registry(registry()).clock(CLOCK).environment(ENV)
                .executor(POOL).build().run(data);
        Table test = testRows(spec);
        Predictions whole = r.candidate().orElseThrow().predict(test.drop(spec.target()));
        Evaluation ev = Evaluation.of(MetricInput.classification(test.column(spec.target()), whole),
                List.of(Metric.ACCURACY, Metric.MACRO_F1));
        assertThat(test.rowCount()).isGreaterThan(300);
        assertThat(r.metrics()).containsExactlyInAnyOrderEntriesOf(values(ev, Metric.ACCURACY, Metric.MACRO_F1));
    }

    @Test
    void run_regressor_metricsEqualThoseOfTheWholeTestTable() {
        PipelineSpec spec = PipelineSpec.builder().model("temperature").target("temp_max")
                .trainer(RandomForestRegressorTrainer.defaults().withTrees(20)).split(SplitSpec.random(0.25)).seed(3)
                .schema(PipelineFixtures.schema(data))
                .gate(QualityGate.builder().require(Metric.R2).atLeast(0.5).missingBaseline(Outcome.SKIP).build())
                .build();
        PipelineRun r = Pipeline.builder(spec).registry(registry()).clock(CLOCK).environment(ENV)
                .executor(POOL).build().run(data);
        assertThat(r.status()).as("%s", r).isEqualTo(RunStatus.FINISHED);
        Table test = testRows(spec);
        Predictions whole = r.candidate().orElseThrow().predict(test.drop(spec.target()));
        Evaluation ev = Evaluation.of(MetricInput.regression(test.column(spec.target()), whole),
                List.of(Metric.RMSE, Metric.MAE, Metric.R2));
        assertThat(r.metrics()).containsExactlyInAnyOrderEntriesOf(values(ev, Metric.RMSE, Metric.MAE, Metric.R2));
    }

    private static ModelRegistry registry() {
        return ModelRegistry.builder(new InMemoryRegistryStore()).clock(CLOCK).build();
    }

    /** The spec's test rows, as the pipeline splits them. */
    private Table testRows(PipelineSpec spec) {
        long seed = TrainingContext.of(spec.seed(), CLOCK).derive("split").seed();
        return spec.split().apply(data, spec.target(), seed).test();
    }

    private static Map<String, Double> values(Evaluation ev, Metric... metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Metric m : metrics) {
            out.put(m.name(), ev.get(m).value());
        }
        return out;
    }

    @Test
    void run_anyExecutor_runRecordsUnchangedByTheRunStore() {
        // the run store sees the same final run whichever executor scored the rows
        RunStore a = RunStore.inMemory();
        RunStore b = RunStore.inMemory();
        for (RunStore s : new RunStore[] {a, b}) {
            try (ModelRegistry registry = registry()) {
                Pipeline.builder(PipelineFixtures.spec(data).build()).registry(registry).runs(s).clock(CLOCK)
                        .environment(ENV).executor(s == a ? Runnable::run : POOL).build().run(data);
            }
        }
        assertThat(b.list()).extracting(Run::toJson).containsExactlyElementsOf(
                a.list().stream().map(Run::toJson).toList());
    }
}
