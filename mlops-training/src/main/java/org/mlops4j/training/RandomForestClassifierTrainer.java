package org.mlops4j.training;

import java.util.Map;
import org.mlops4j.internal.Checks;
import org.mlops4j.model.Task;
import org.mlops4j.model.TrainingContext;
import smile.classification.RandomForest;
import smile.data.DataFrame;

/**
 * A classifier by Smile's random forest. Categorical columns are Smile nominal attributes. Every
 * tree gets its own seed derived from the context's seed, and the fit runs in a private pool, so
 * predictions are bit-identical for the same data and seed whatever {@link #parallelism()} is.
 * Gives class probabilities (the average of the trees' leaf posteriors).
 *
 * <p>Parameters (defaults are Smile's): {@code trees} 500, {@code mtry} auto = floor(sqrt(features))
 * (else 1..features), {@code splitRule} GINI, {@code maxDepth} 20, {@code maxNodes} auto =
 * max(2, rows / 5), {@code nodeSize} 5, {@code sampleRate} 1.0 (bootstrap size as a fraction of the
 * rows, with replacement when 1). {@code parallelism} (default 1: the threads the fit may use) does
 * not change the model and is not part of {@link #configuration()}. Immutable and thread-safe.
 */
public final class RandomForestClassifierTrainer extends TabularTrainer<RandomForestClassifierTrainer> {
    /** The trainer's {@link #name()}. */
    public static final String NAME = "random_forest_classifier";
    private final int trees;
    private final int mtry;
    private final SplitRule splitRule;
    private final int maxDepth;
    private final int maxNodes;
    private final int nodeSize;
    private final double sampleRate;
    private final int parallelism;

    private RandomForestClassifierTrainer(FeatureOptions f, int trees, int mtry, SplitRule splitRule, int maxDepth,
            int maxNodes, int nodeSize, double sampleRate, int parallelism) {
        super(f);
        this.trees = TreeChecks.trees(trees);
        this.mtry = TreeChecks.mtry(mtry);
        this.splitRule = Checks.checkNotNull(splitRule, "splitRule");
        this.maxDepth = TreeChecks.maxDepth(maxDepth);
        this.maxNodes = TreeChecks.maxNodes(maxNodes);
        this.nodeSize = TreeChecks.nodeSize(nodeSize);
        this.sampleRate = TreeChecks.rate("sampleRate", sampleRate);
        this.parallelism = TreeChecks.parallelism(parallelism);
    }

    public static RandomForestClassifierTrainer defaults() {
        return new RandomForestClassifierTrainer(FeatureOptions.defaults(), 500, 0, SplitRule.GINI, 20, 0, 5, 1.0, 1);
    }

    static RandomForestClassifierTrainer fromConfiguration(Map<String, String> config) {
        Params p = new Params(NAME, config);
        RandomForestClassifierTrainer t = new RandomForestClassifierTrainer(featuresFrom(p), p.intValue("trees", 500),
                p.autoInt("mtry", 0), p.enumValue("splitRule", SplitRule.class, SplitRule.GINI),
                p.intValue("maxDepth", 20), p.autoInt("maxNodes", 0), p.intValue("nodeSize", 5),
                p.doubleValue("sampleRate", 1.0), 1);
        p.checkAllRead();
        return t;
    }

    private RandomForestClassifierTrainer with(int trees, int mtry, SplitRule rule, int maxDepth, int maxNodes,
            int nodeSize, double sampleRate, int parallelism) {
        return new RandomForestClassifierTrainer(features, trees, mtry, rule, maxDepth, maxNodes, nodeSize, sampleRate,
                parallelism);
    }

    public RandomForestClassifierTrainer withTrees(int trees) {
        return with(trees, mtry, splitRule, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    /** The columns tried at each split; 0 means auto (floor(sqrt(features))). */
    public RandomForestClassifierTrainer withMtry(int mtry) {
        return with(trees, mtry, splitRule, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    public RandomForestClassifierTrainer withSplitRule(SplitRule rule) {
        return with(trees, mtry, rule, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    public RandomForestClassifierTrainer withMaxDepth(int maxDepth) {
        return with(trees, mtry, splitRule, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    /** The maximum number of leaves per tree; 0 means auto (max(2, rows / 5)). */
    public RandomForestClassifierTrainer withMaxNodes(int maxNodes) {
        return with(trees, mtry, splitRule, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    public RandomForestClassifierTrainer withNodeSize(int nodeSize) {
        return with(trees, mtry, splitRule, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    public RandomForestClassifierTrainer withSampleRate(double sampleRate) {
        return with(trees, mtry, splitRule, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    /** The threads a fit may use (1 to 256); does not change the model. */
    public RandomForestClassifierTrainer withParallelism(int parallelism) {
        return with(trees, mtry, splitRule, maxDepth, maxNodes, nodeSize, sampleRate, parallelism);
    }

    public int trees() {
        return trees;
    }

    public int mtry() {
        return mtry;
    }

    public SplitRule splitRule() {
        return splitRule;
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
        return Task.CLASSIFICATION;
    }

    @Override
    RandomForestClassifierTrainer copy(FeatureOptions options) {
        return new RandomForestClassifierTrainer(options, trees, mtry, splitRule, maxDepth, maxNodes, nodeSize,
                sampleRate, parallelism);
    }

    @Override
    void parameters(Map<String, String> out) {
        out.put("trees", Integer.toString(trees));
        out.put("mtry", TreeChecks.auto(mtry));
        out.put("splitRule", splitRule.name());
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
        return CompiledTrees.of(smile(x, mapping, y, context), y.classes.length, mapping.width());
    }

    /** Smile's fitted model (compiled by {@link #train}; the tests compare the two). */
    RandomForest smile(double[][] x, FeatureMapping mapping, TargetData y, TrainingContext context) {
        DataFrame df = SmileFrames.frame(x, mapping, y);
        int m = SmileFrames.mtry(mtry, mapping.width(), NAME);
        RandomForest model = SmileExecution.run(context.seed(), parallelism, () -> RandomForest.fit(
                SmileFrames.FORMULA, df, trees, m, splitRule.smile(), maxDepth, SmileFrames.maxNodes(maxNodes, x.length),
                nodeSize, sampleRate, null, SmileFrames.treeSeeds(context, trees)));
        return model;
    }
}
