package org.mlops4j.training;

import java.util.Map;
import org.mlops4j.model.Task;
import org.mlops4j.model.TrainingContext;
import smile.data.DataFrame;
import smile.classification.GradientTreeBoost;

/**
 * A classifier by Smile's gradient tree boosting. Categorical columns are Smile nominal attributes.
 * The row subsampling of each round draws from the fitting thread's generator, seeded from the
 * context's seed in a private pool, so predictions are bit-identical for the same data and seed. Gives class probabilities.
 *
 * <p>Parameters (defaults are Smile's): {@code trees} 500, {@code maxDepth} 20,
 * {@code maxNodes} 6, {@code nodeSize} 5, {@code shrinkage} 0.05, {@code sampleRate} 0.7.
 * Immutable and thread-safe.
 */
public final class GradientBoostingClassifierTrainer extends TabularTrainer<GradientBoostingClassifierTrainer> {
    /** The trainer's {@link #name()}. */
    public static final String NAME = "gradient_boosting_classifier";
    private final int trees;
    private final int maxDepth;
    private final int maxNodes;
    private final int nodeSize;
    private final double shrinkage;
    private final double sampleRate;

    private GradientBoostingClassifierTrainer(FeatureOptions f, int trees, int maxDepth, int maxNodes, int nodeSize,
            double shrinkage, double sampleRate) {
        super(f);
        this.trees = TreeChecks.trees(trees);
        this.maxDepth = TreeChecks.maxDepth(maxDepth);
        org.mlops4j.internal.Checks.checkArgument(maxNodes >= 2, "maxNodes must be >= 2 but was %d", maxNodes);
        this.maxNodes = maxNodes;
        this.nodeSize = TreeChecks.nodeSize(nodeSize);
        this.shrinkage = TreeChecks.rate("shrinkage", shrinkage);
        this.sampleRate = TreeChecks.rate("sampleRate", sampleRate);
    }

    public static GradientBoostingClassifierTrainer defaults() {
        return new GradientBoostingClassifierTrainer(FeatureOptions.defaults(), 500, 20, 6, 5, 0.05, 0.7);
    }

    static GradientBoostingClassifierTrainer fromConfiguration(Map<String, String> config) {
        Params p = new Params(NAME, config);
        GradientBoostingClassifierTrainer t = new GradientBoostingClassifierTrainer(featuresFrom(p), p.intValue("trees", 500),
                p.intValue("maxDepth", 20), p.intValue("maxNodes", 6), p.intValue("nodeSize", 5),
                p.doubleValue("shrinkage", 0.05), p.doubleValue("sampleRate", 0.7));
        p.checkAllRead();
        return t;
    }

    private GradientBoostingClassifierTrainer with(int trees, int maxDepth, int maxNodes, int nodeSize, double shrinkage,
            double sampleRate) {
        return new GradientBoostingClassifierTrainer(features, trees, maxDepth, maxNodes, nodeSize, shrinkage, sampleRate);
    }

    public GradientBoostingClassifierTrainer withTrees(int trees) {
        return with(trees, maxDepth, maxNodes, nodeSize, shrinkage, sampleRate);
    }

    public int trees() {
        return trees;
    }

    public GradientBoostingClassifierTrainer withMaxDepth(int maxDepth) {
        return with(trees, maxDepth, maxNodes, nodeSize, shrinkage, sampleRate);
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** The maximum number of leaves per tree (>= 2). */
    public GradientBoostingClassifierTrainer withMaxNodes(int maxNodes) {
        return with(trees, maxDepth, maxNodes, nodeSize, shrinkage, sampleRate);
    }

    public int maxNodes() {
        return maxNodes;
    }

    public GradientBoostingClassifierTrainer withNodeSize(int nodeSize) {
        return with(trees, maxDepth, maxNodes, nodeSize, shrinkage, sampleRate);
    }

    public int nodeSize() {
        return nodeSize;
    }

    /** The learning rate, in (0, 1]. */
    public GradientBoostingClassifierTrainer withShrinkage(double shrinkage) {
        return with(trees, maxDepth, maxNodes, nodeSize, shrinkage, sampleRate);
    }

    public double shrinkage() {
        return shrinkage;
    }

    /** The fraction of rows each tree sees (drawn without replacement), in (0, 1]. */
    public GradientBoostingClassifierTrainer withSampleRate(double sampleRate) {
        return with(trees, maxDepth, maxNodes, nodeSize, shrinkage, sampleRate);
    }

    public double sampleRate() {
        return sampleRate;
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
    GradientBoostingClassifierTrainer copy(FeatureOptions options) {
        return new GradientBoostingClassifierTrainer(options, trees, maxDepth, maxNodes, nodeSize, shrinkage, sampleRate);
    }

    @Override
    void parameters(Map<String, String> out) {
        out.put("trees", Integer.toString(trees));
        out.put("maxDepth", Integer.toString(maxDepth));
        out.put("maxNodes", Integer.toString(maxNodes));
        out.put("nodeSize", Integer.toString(nodeSize));
        out.put("shrinkage", Double.toString(shrinkage));
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
    GradientTreeBoost smile(double[][] x, FeatureMapping mapping, TargetData y, TrainingContext context) {
        DataFrame df = SmileFrames.frame(x, mapping, y);
        GradientTreeBoost model = SmileExecution.run(context.seed(), 1, () -> GradientTreeBoost.fit(
                SmileFrames.FORMULA, df, trees, maxDepth, maxNodes, nodeSize, shrinkage, sampleRate));
        return model;
    }
}
