package org.mlops4j.training;

import java.util.Map;
import org.mlops4j.internal.Checks;
import org.mlops4j.model.Task;
import org.mlops4j.model.TrainingContext;
import smile.classification.DecisionTree;
import smile.data.DataFrame;

/**
 * A classifier by Smile's CART decision tree. Categorical columns are Smile nominal attributes
 * (splits on level subsets), not one-hot. Deterministic (a single tree considers every column);
 * gives class probabilities (the leaf's class frequencies as Smile estimates them).
 *
 * <p>Parameters (defaults are Smile's): {@code splitRule} GINI, {@code maxDepth} 20 (>= 2),
 * {@code maxNodes} auto = max(2, rows / 5) (Smile's n / 5, raised to its minimum of 2; else >= 2),
 * {@code nodeSize} 5 (>= 1). Immutable and thread-safe.
 */
public final class DecisionTreeTrainer extends TabularTrainer<DecisionTreeTrainer> {
    /** The trainer's {@link #name()}. */
    public static final String NAME = "decision_tree";
    private final SplitRule splitRule;
    private final int maxDepth;
    private final int maxNodes;
    private final int nodeSize;

    private DecisionTreeTrainer(FeatureOptions f, SplitRule splitRule, int maxDepth, int maxNodes, int nodeSize) {
        super(f);
        this.splitRule = Checks.checkNotNull(splitRule, "splitRule");
        this.maxDepth = TreeChecks.maxDepth(maxDepth);
        this.maxNodes = TreeChecks.maxNodes(maxNodes);
        this.nodeSize = TreeChecks.nodeSize(nodeSize);
    }

    public static DecisionTreeTrainer defaults() {
        return new DecisionTreeTrainer(FeatureOptions.defaults(), SplitRule.GINI, 20, 0, 5);
    }

    static DecisionTreeTrainer fromConfiguration(Map<String, String> config) {
        Params p = new Params(NAME, config);
        DecisionTreeTrainer t = new DecisionTreeTrainer(featuresFrom(p), p.enumValue("splitRule", SplitRule.class,
                SplitRule.GINI), p.intValue("maxDepth", 20), p.autoInt("maxNodes", 0), p.intValue("nodeSize", 5));
        p.checkAllRead();
        return t;
    }

    public DecisionTreeTrainer withSplitRule(SplitRule rule) {
        return new DecisionTreeTrainer(features, rule, maxDepth, maxNodes, nodeSize);
    }

    public DecisionTreeTrainer withMaxDepth(int maxDepth) {
        return new DecisionTreeTrainer(features, splitRule, maxDepth, maxNodes, nodeSize);
    }

    /** The maximum number of leaves; 0 means auto (max(2, rows / 5)). */
    public DecisionTreeTrainer withMaxNodes(int maxNodes) {
        return new DecisionTreeTrainer(features, splitRule, maxDepth, maxNodes, nodeSize);
    }

    public DecisionTreeTrainer withNodeSize(int nodeSize) {
        return new DecisionTreeTrainer(features, splitRule, maxDepth, maxNodes, nodeSize);
    }

    public SplitRule splitRule() {
        return splitRule;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** The maximum number of leaves, 0 for auto. */
    public int maxNodes() {
        return maxNodes;
    }

    public int nodeSize() {
        return nodeSize;
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
    DecisionTreeTrainer copy(FeatureOptions options) {
        return new DecisionTreeTrainer(options, splitRule, maxDepth, maxNodes, nodeSize);
    }

    @Override
    void parameters(Map<String, String> out) {
        out.put("splitRule", splitRule.name());
        out.put("maxDepth", Integer.toString(maxDepth));
        out.put("maxNodes", TreeChecks.auto(maxNodes));
        out.put("nodeSize", Integer.toString(nodeSize));
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
    DecisionTree smile(double[][] x, FeatureMapping mapping, TargetData y, TrainingContext context) {
        DataFrame df = SmileFrames.frame(x, mapping, y);
        DecisionTree m = SmileExecution.run(context.seed(), 1, () -> DecisionTree.fit(SmileFrames.FORMULA, df,
                splitRule.smile(), maxDepth, SmileFrames.maxNodes(maxNodes, x.length), nodeSize));
        return m;
    }
}
