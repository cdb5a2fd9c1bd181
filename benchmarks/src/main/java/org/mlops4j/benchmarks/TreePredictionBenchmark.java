package org.mlops4j.benchmarks;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.mlops4j.data.Table;
import org.mlops4j.model.Model;
import org.mlops4j.model.Predictions;
import org.mlops4j.model.TrainingContext;
import org.mlops4j.training.RandomForestClassifierTrainer;
import org.mlops4j.training.selection.Split;
import org.mlops4j.training.selection.Splits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import smile.base.cart.SplitRule;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.math.MathEx;

/**
 * Predicting with a random forest: mlops4j's compiled trees against Smile's own {@code predict} on a
 * forest of the same size fitted on the same rows (seattle weather x 4, stratified 75/25, test
 * rows 1,461), both producing every row's class probabilities.
 * <ul>
 *   <li>{@link #compiledTable}: {@code TrainedModel.predict(Table)}, column mapping included;</li>
 *   <li>{@link #smileTuples}: Smile's {@code RandomForest.predict(Tuple, double[])} on each row of a
 *       prebuilt data frame (no mapping);</li>
 *   <li>{@link #compiledRow} / {@link #smileRow}: one row, as a service predicts a request.</li>
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class TreePredictionBenchmark {
    /** Trees in both forests. */
    @Param("100")
    public int trees;

    Model compiled;
    RandomForest smile;
    Table testX;
    DataFrame smileTest;
    int k;
    int row;

    @Setup
    public void setUp() throws Exception {
        Table data = PipelineBenchmark.seattle(4);
        Split s = Splits.stratified(data, PipelineBenchmark.TARGET, 0.25, 7);
        compiled = RandomForestClassifierTrainer.defaults().withTrees(trees).fit(s.train(), PipelineBenchmark.TARGET,
                TrainingContext.of(42));
        testX = s.test().drop(PipelineBenchmark.TARGET);
        DataFrame train = PipelineBenchmark.smileFrame(s.train());
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            smile = pool.submit(() -> {
                MathEx.setSeed(42);
                return RandomForest.fit(Formula.lhs("y"), train, trees, 0, SplitRule.GINI, 20,
                        Math.max(2, train.size() / 5), 5, 1.0, null, LongStream.range(2, 2 + trees));
            }).get();
        } finally {
            pool.shutdown();
        }
        smileTest = PipelineBenchmark.smileFrame(s.test());
        k = compiled.classes().size();
        row = testX.rowCount() / 2;
    }

    @Benchmark
    public Predictions compiledTable() {
        return compiled.predict(testX);
    }

    @Benchmark
    public double[] smileTuples() {
        int n = smileTest.size();
        double[] all = new double[n * k];
        double[] p = new double[k];
        for (int r = 0; r < n; r++) {
            smile.predict(smileTest.get(r), p);
            System.arraycopy(p, 0, all, r * k, k);
        }
        return all;
    }

    @Benchmark
    public Object compiledRow() {
        return compiled.predict(testX.row(row));
    }

    @Benchmark
    public double[] smileRow() {
        Tuple t = smileTest.get(row);
        double[] p = new double[k];
        smile.predict(t, p);
        return p;
    }
}
