package org.mlops4j.training;

import java.util.Map;
import org.mlops4j.model.Task;
import org.mlops4j.model.TrainingContext;
import smile.data.DataFrame;
import smile.regression.RandomForest;

/**
 * A regressor by Smile's random forest. Categorical columns are Smile nominal attributes. Every tree
 * gets its own seed derived from the context's seed, so predictions are bit-identical for the same
 * data and seed whatever {@link #parallelism()} is.
 *
 * <p>Parameters (defaults are Smile's): {@code trees} 500, {@code mtry} auto = max(1, features / 3)
 * (else 1..features), {@code maxDepth} 20, {@code maxNodes} auto = max(2, rows / 5), {@code nodeSize}
 * 5, {@code sampleRate} 1.0. {@code parallelism} (default 1) does not change the model and is not part
 * of {@link #configuration()}. Immutable and thread-safe.
 */
public final class RandomForestRegressorTrainer extends TabularTrainer<RandomForestRegressorTrainer> {
    /** The trainer's {@link #name()}. */
    public static final String NAME = "random_forest_regressor";
    private final int trees;
    private final int mtry;
    private final int maxDepth;
    private final int maxNodes;
    private final int nodeSize;
    private final double sampleRate;
    private final int parallelism;

    private RandomForestRegressorTrainer(FeatureOptions f, int trees, int mtry, int maxDepth, int maxNodes,
            int nodeSize, double sampleRate, int parallelism) {
        super(f);
        this.trees = TreeChecks.trees(trees);
        this.mtry = TreeChecks.mtry(mtry);
        this.maxDepth = TreeChecks.maxDepth(maxDepth);
        this.maxNodes = TreeChecks.maxNodes(maxNodes);
        this.nodeSize = TreeChecks.nodeSize(nodeSize);
        this.sampleRate = TreeChecks.rate("sampleRate", sampleRate);
        this.parallelism = TreeChecks.parallelism(parallelism);
    }

    public static RandomForestRegressorTrainer defaults() {
        return new RandomForestRegressorTrainer(FeatureOptions.defaults(), 500, 0, 20, 0, 5, 1.0, 1);
    }

    static RandomForestRegressorTrainer fromConfiguration(Map<String, String> config) {
        Params p = new Params(NAME, config);
        RandomForestRegressorTrainer t = new RandomForestRegressorTrainer(featuresFrom(p), p.intValue("trees", 500),
                p.autoInt("mtry", 0), p.intValue("maxDepth", 20), p.autoInt("maxNodes", 0),
                p.intValue("nodeSize", 5), p.doubleValue("sampleRate", 1.0), 1);
        p.checkAllRead();
        return t;
    }

    private RandomForestRegressorTrainer with(int trees, int mtry, int maxDepth, int maxNodes, int nodeSize,
            double sampleRate, int parallelism) {
        return new RandomForestRegressorTrainer(features, trees, mtry, maxDepth, maxNodes, nodeSize, sampleRate,
                parallelism);
    }

    public RandomForestRegressorTrainer withTrees(int trees) {
        return with(trees, mtry, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    /** The columns tried at each split; 0 means auto (max(1, features / 3)). */
    public RandomForestRegressorTrainer withMtry(int mtry) {
        return with(trees, mtry, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    public RandomForestRegressorTrainer withMaxDepth(int maxDepth) {
        return with(trees, mtry, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    public RandomForestRegressorTrainer withMaxNodes(int maxNodes) {
        return with(trees, mtry, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    public RandomForestRegressorTrainer withNodeSize(int nodeSize) {
        return with(trees, mtry, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    public RandomForestRegressorTrainer withSampleRate(double sampleRate) {
        return with(trees, mtry, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    /** The threads a fit may use (1 to 256); does not change the model. */
    public RandomForestRegressorTrainer withParallelism(int parallelism) {
        return with(trees, mtry, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    public int trees() {
        return trees;
    }

    public int mtry() {
        return mtry;
    }

    public int maxDepth() {
        return maxDepth;
    }

    public int maxNodes() {
        return maxNodes;
    }

    public int nodeSize() {
        return nodeSize;
    }

    public double sampleRate() {
        return sampleRate;
    }

    public int parallelism() {
        return parallelism;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Task task() {
        return Task.REGRESSION;
    }

    @Override
    RandomForestRegressorTrainer copy(FeatureOptions options) {
        return new RandomForestRegressorTrainer(options, trees, mtry, maxDepth, maxNodes, nodeSize, sampleRate,
                parallelism);
    }

    @Override
    void parameters(Map<String, String> out) {
        out.put("trees", Integer.toString(trees));
        out.put("mtry", TreeChecks.auto(mtry));
        out.put("maxDepth", Integer.toString(maxDepth));
        out.put("maxNodes", TreeChecks.auto(maxNodes));
        out.put("nodeSize", Integer.toString(nodeSize));
        out.put("sampleRate", Double.toString(sampleRate));
    }

    @Override
    FeatureMapping.Encoding encoding() {
        return FeatureMapping.Encoding.NOMINAL;
    }

    @Override
    Predictor train(double[][] x, FeatureMapping mapping, TargetData y, TrainingContext context) {
        return CompiledTrees.of(smile(x, mapping, y, context), mapping.width());
    }

    /** Smile's fitted model (compiled by {@link #train}; the tests compare the two). */
    RandomForest smile(double[][] x, FeatureMapping mapping, TargetData y, TrainingContext context) {
        DataFrame df = SmileFrames.frame(x, mapping, y);
        int m = SmileFrames.mtry(mtry, mapping.width(), NAME);
        RandomForest model = SmileExecution.run(context.seed(), parallelism, () -> RandomForest.fit(
                SmileFrames.FORMULA, df, trees, m, maxDepth, SmileFrames.maxNodes(maxNodes, x.length), nodeSize,
                sampleRate, SmileFrames.treeSeeds(context, trees)));
        return model;
    }
}
