package org.mlops4j.training;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Locale;
import smile.base.cart.CART;
import smile.base.cart.DecisionNode;
import smile.base.cart.InternalNode;
import smile.base.cart.LeafNode;
import smile.base.cart.NominalNode;
import smile.base.cart.OrdinalNode;
import smile.base.cart.RegressionNode;
import smile.classification.DecisionTree;
import smile.classification.RandomForest;
import smile.regression.GradientTreeBoost;
import smile.regression.RegressionTree;

/**
 * A fitted Smile tree, forest or boosted ensemble compiled into flat arrays, predicting from the
 * encoded feature vector with the same arithmetic, in the same order, as Smile's own
 * {@code predict}: its results are bit-identical to Smile's (tested for every tree trainer), it is
 * about twice as fast on a table (no tuple per row, nodes in arrays, all rows walk one tree before
 * the next; BENCHMARKS.md), and its serialized form is a handful of primitive arrays instead of an object per
 * node.
 *
 * <p>Layout: all trees' nodes in one set of arrays, each tree in pre-order, so a node's true child
 * is the next node and only the false child needs an index. {@link #links} holds, per node, the
 * feature and the false child side by side (the walk reads one array): an internal node has a
 * feature {@code >= 0} ({@link #NOMINAL} added for a nominal split); a leaf has {@code -1 - slot},
 * its output in {@link #leafValues} at {@code slot * width}. Ordinal splits go left when
 * {@code x <= split} (NaN goes right, as in Smile); nominal splits when {@code (int) x == (int) split}.
 *
 * <p>The aggregations are Smile 3.1's: a decision tree returns its leaf's posteriori
 * {@code (count + 1) / (n + k)}; a classification forest sums {@code weight * posteriori} over its
 * trees and divides by the L1 norm; a regression forest averages; gradient boosting adds
 * {@code shrinkage * tree} to {@code b} (regression, binary: {@code p0 = 1 / (1 + exp(2y))}) or,
 * for k classes, sums each class's trees from 0 and takes the softmax.
 *
 * <p>Immutable and thread-safe. A deserialized instance is checked (indices in range, children after
 * their parents, so no cycle) before use.
 */
final class CompiledTrees implements Predictor {
    private static final long serialVersionUID = 1L;

    /** How the trees' outputs are combined. */
    enum Kind {
        /** One classification tree: its leaf's class probabilities. */
        TREE_CLASSIFIER,
        /** A classification forest: weighted sum of the trees' probabilities, L1-normalized. */
        FOREST_CLASSIFIER,
        /** A regression forest: the mean of the trees' outputs. */
        FOREST_REGRESSOR,
        /** Gradient boosting for two classes: logistic of {@code b + shrinkage * sum}. */
        BOOSTING_BINARY,
        /** Gradient boosting for k classes: softmax of each class's {@code shrinkage * sum}. */
        BOOSTING_MULTICLASS,
        /** Gradient boosting regression: {@code b + shrinkage * sum}. */
        BOOSTING_REGRESSOR
    }

    private final Kind kind;
    /** Classes (classification) or 1. */
    private final int classes;
    /** Values per leaf: {@code classes} for probability leaves, 1 for real-valued leaves. */
    private final int width;
    /** The encoded vector's length (the largest feature index read, plus one, at least). */
    private final int features;
    private final int[] roots;
    /** Per node: {@code [2i]} the feature (plus {@link #NOMINAL} when nominal) or the leaf code, {@code [2i + 1]} the false child. */
    private final int[] links;
    private final double[] split;
    private final double[] leafValues;
    /** Per tree: the forest weight (FOREST_CLASSIFIER), else empty. */
    private final double[] weights;
    private final double intercept;
    private final double shrinkage;

    private static final int NOMINAL = 1 << 30;

    /**
     * The model from its arrays (see the class comment for the layout).
     *
     * @throws IllegalStateException when the arrays do not form valid trees
     */
    CompiledTrees(Kind kind, int classes, int features, int[] roots, int[] feature, double[] split, boolean[] nominal,
            int[] falseChild, double[] leafValues, double[] weights, double intercept, double shrinkage) {
        this.kind = kind;
        this.classes = classes;
        this.width = kind == Kind.TREE_CLASSIFIER || kind == Kind.FOREST_CLASSIFIER ? classes : 1;
        this.features = features;
        this.roots = roots;
        this.links = links(feature, nominal, falseChild);
        this.split = split;
        this.leafValues = leafValues;
        this.weights = weights;
        this.intercept = intercept;
        this.shrinkage = shrinkage;
        String problem = problem();
        if (problem != null) {
            throw new IllegalStateException("not a valid compiled tree model: " + problem);
        }
    }

    private static int[] links(int[] feature, boolean[] nominal, int[] falseChild) {
        if (nominal.length != feature.length || falseChild.length != feature.length) {
            throw new IllegalStateException("not a valid compiled tree model: the node arrays differ in length");
        }
        int[] out = new int[2 * feature.length];
        for (int i = 0; i < feature.length; i++) {
            if (feature[i] >= NOMINAL) {
                throw new IllegalStateException("not a valid compiled tree model: node " + i + " reads feature "
                        + feature[i]);
            }
            out[2 * i] = feature[i] >= 0 && nominal[i] ? feature[i] + NOMINAL : feature[i];
            out[2 * i + 1] = falseChild[i];
        }
        return out;
    }

    private CompiledTrees(Kind kind, int classes, int features, Builder b, double[] weights, double intercept,
            double shrinkage) {
        this(kind, classes, features, Arrays.copyOf(b.roots, b.trees), Arrays.copyOf(b.feature, b.nodes),
                Arrays.copyOf(b.split, b.nodes), Arrays.copyOf(b.nominal, b.nodes), Arrays.copyOf(b.falseChild, b.nodes),
                Arrays.copyOf(b.leafValues, b.values), weights, intercept, shrinkage);
    }

    // ------------------------------------------------------------------------------ compiling

    /** A Smile classification tree. */
    static CompiledTrees of(DecisionTree tree, int classes, int features) {
        Builder b = new Builder(classes);
        b.tree(tree);
        return new CompiledTrees(Kind.TREE_CLASSIFIER, classes, features, b, new double[0], 0, 0);
    }

    /** A Smile classification forest. */
    static CompiledTrees of(RandomForest forest, int classes, int features) {
        Builder b = new Builder(classes);
        RandomForest.Model[] models = forest.models();
        double[] w = new double[models.length];
        for (int t = 0; t < models.length; t++) {
            b.tree(models[t].tree);
            w[t] = models[t].weight;
        }
        return new CompiledTrees(Kind.FOREST_CLASSIFIER, classes, features, b, w, 0, 0);
    }

    /** A Smile regression forest. */
    static CompiledTrees of(smile.regression.RandomForest forest, int features) {
        Builder b = new Builder(1);
        for (smile.regression.RandomForest.Model m : forest.models()) {
            b.tree(m.tree);
        }
        return new CompiledTrees(Kind.FOREST_REGRESSOR, 1, features, b, new double[0], 0, 0);
    }

    /** Smile's gradient boosting for regression. */
    static CompiledTrees of(GradientTreeBoost boost, int features) {
        Builder b = new Builder(1);
        for (RegressionTree t : boost.trees()) {
            b.tree(t);
        }
        return new CompiledTrees(Kind.BOOSTING_REGRESSOR, 1, features, b, new double[0],
                doubleField(boost, "b"), doubleField(boost, "shrinkage"));
    }

    /** Smile's gradient boosting for classification ({@code trees()} lists class 0's trees first). */
    static CompiledTrees of(smile.classification.GradientTreeBoost boost, int classes, int features) {
        Builder b = new Builder(1);
        RegressionTree[] trees = boost.trees();
        for (RegressionTree t : trees) {
            b.tree(t);
        }
        double shrinkage = doubleField(boost, "shrinkage");
        if (classes == 2) {
            return new CompiledTrees(Kind.BOOSTING_BINARY, 2, features, b, new double[0], doubleField(boost, "b"),
                    shrinkage);
        }
        return new CompiledTrees(Kind.BOOSTING_MULTICLASS, classes, features, b, new double[0], 0, shrinkage);
    }

    /** Collects the nodes of trees in pre-order, into arrays that grow. */
    private static final class Builder {
        final int width;
        int trees;
        int[] roots = new int[16];
        int nodes;
        int[] feature = new int[1024];
        double[] split = new double[1024];
        boolean[] nominal = new boolean[1024];
        int[] falseChild = new int[1024];
        int values;
        double[] leafValues = new double[1024];
        /** The walk's stack: nodes still to place, and for each the node whose false child it is (or -1). */
        private smile.base.cart.Node[] pending = new smile.base.cart.Node[64];
        private int[] pendingParent = new int[64];

        Builder(int width) {
            this.width = width;
        }

        void tree(CART tree) {
            if (trees == roots.length) {
                roots = Arrays.copyOf(roots, trees * 2);
            }
            roots[trees++] = nodes;
            int top = 0;
            pending[top] = tree.root();
            pendingParent[top++] = -1;
            while (top > 0) {
                top--;
                smile.base.cart.Node node = pending[top];
                int parent = pendingParent[top];
                pending[top] = null;
                int index = nodes;
                if (parent >= 0) {
                    falseChild[parent] = index;
                }
                grow();
                falseChild[index] = -1;
                if (node instanceof InternalNode) {
                    InternalNode in = (InternalNode) node;
                    feature[index] = in.feature();
                    if (node instanceof OrdinalNode) {
                        split[index] = SmileFields.ordinalValue((OrdinalNode) node);
                    } else if (node instanceof NominalNode) {
                        split[index] = SmileFields.nominalValue((NominalNode) node);
                        nominal[index] = true;
                    } else {
                        throw new IllegalStateException("unknown Smile split node " + node.getClass().getName());
                    }
                    nodes++;
                    if (top + 2 > pending.length) {
                        pending = Arrays.copyOf(pending, pending.length * 2);
                        pendingParent = Arrays.copyOf(pendingParent, pendingParent.length * 2);
                    }
                    pending[top] = in.falseChild();           // placed after the whole true subtree
                    pendingParent[top++] = index;
                    pending[top] = in.trueChild();            // placed next: index + 1
                    pendingParent[top++] = -1;
                } else {
                    feature[index] = -1 - values / width;
                    nodes++;
                    leaf((LeafNode) node);
                }
            }
        }

        private void grow() {
            if (nodes == feature.length) {
                int n = nodes * 2;
                feature = Arrays.copyOf(feature, n);
                split = Arrays.copyOf(split, n);
                nominal = Arrays.copyOf(nominal, n);
                falseChild = Arrays.copyOf(falseChild, n);
            }
        }

        private void leaf(LeafNode leaf) {
            if (values + width > leafValues.length) {
                leafValues = Arrays.copyOf(leafValues, Math.max(leafValues.length * 2, values + width));
            }
            if (leaf instanceof DecisionNode) {
                int[] count = ((DecisionNode) leaf).count();
                if (count.length != width) {
                    throw new IllegalStateException("a leaf has " + count.length + " class counts, expected " + width);
                }
                // DecisionNode.posteriori: (count[i] + 1) / (sum + k), the sum taken as Smile does (int, widened)
                long sum = 0;
                for (int c : count) {
                    sum += c;
                }
                double n = (long) (int) sum + count.length;
                for (int c : count) {
                    leafValues[values++] = (c + 1) / n;
                }
            } else if (leaf instanceof RegressionNode) {
                if (width != 1) {
                    throw new IllegalStateException("a regression leaf in a classification tree");
                }
                leafValues[values++] = ((RegressionNode) leaf).output();
            } else {
                throw new IllegalStateException("unknown Smile leaf node " + leaf.getClass().getName());
            }
        }
    }

    /**
     * Smile 3.1's fields that have no accessor, looked up once: a split node's value and boosting's
     * intercept and shrinkage. When Smile lacks one, every use throws naming it.
     */
    private static final class SmileFields {
        private static final Field ORDINAL_VALUE;
        private static final Field NOMINAL_VALUE;
        private static final String PROBLEM;

        static {
            Field ordinal = null;
            Field nominal = null;
            String problem = null;
            try {
                ordinal = field(OrdinalNode.class, "value");
                nominal = field(NominalNode.class, "value");
            } catch (IllegalStateException e) {
                problem = e.getMessage();
            }
            ORDINAL_VALUE = ordinal;
            NOMINAL_VALUE = nominal;
            PROBLEM = problem;
        }

        private SmileFields() {}

        static double ordinalValue(OrdinalNode node) {
            check();
            try {
                return ORDINAL_VALUE.getDouble(node);
            } catch (IllegalAccessException e) {
                throw smileChanged(node, "value", e);
            }
        }

        static int nominalValue(NominalNode node) {
            check();
            try {
                return NOMINAL_VALUE.getInt(node);
            } catch (IllegalAccessException e) {
                throw smileChanged(node, "value", e);
            }
        }

        private static void check() {
            if (PROBLEM != null) {
                throw new IllegalStateException(PROBLEM);
            }
        }
    }

    private static double doubleField(Object o, String name) {
        try {
            return field(o.getClass(), name).getDouble(o);
        } catch (IllegalAccessException e) {
            throw smileChanged(o, name, e);
        }
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (RuntimeException e) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "cannot read field '%s' of %s (Smile %s): %s", name, type.getName(), Environment.smileVersion(), e),
                        e);
            }
        }
        throw new IllegalStateException(String.format(Locale.ROOT,
                "Smile %s has no field '%s' in %s: mlops4j compiles Smile 3.1's trees for prediction", 
                Environment.smileVersion(), name, type.getName()));
    }

    private static IllegalStateException smileChanged(Object o, String name, Exception e) {
        return new IllegalStateException(String.format(Locale.ROOT, "cannot read field '%s' of %s (Smile %s): %s",
                name, o.getClass().getName(), Environment.smileVersion(), e), e);
    }

    // ------------------------------------------------------------------------------ predicting

    @Override
    public void predict(double[] x, double[] out) {
        switch (kind) {
            case TREE_CLASSIFIER: {
                System.arraycopy(leafValues, leaf(roots[0], x) * width, out, 0, classes);
                return;
            }
            case FOREST_CLASSIFIER: {
                for (int i = 0; i < classes; i++) {
                    out[i] = 0.0;
                }
                for (int t = 0; t < roots.length; t++) {
                    int at = leaf(roots[t], x) * width;
                    double w = weights[t];
                    for (int i = 0; i < classes; i++) {
                        out[i] += w * leafValues[at + i];
                    }
                }
                double norm = 0.0;
                for (int i = 0; i < classes; i++) {
                    norm += Math.abs(out[i]);
                }
                for (int i = 0; i < classes; i++) {
                    out[i] /= norm;
                }
                return;
            }
            case FOREST_REGRESSOR: {
                double y = 0;
                for (int t = 0; t < roots.length; t++) {
                    y += leafValues[leaf(roots[t], x)];
                }
                out[0] = y / roots.length;
                return;
            }
            case BOOSTING_REGRESSOR: {
                out[0] = boosted(intercept, 0, roots.length, x);
                return;
            }
            case BOOSTING_BINARY: {
                double y = boosted(intercept, 0, roots.length, x);
                out[0] = 1.0 / (1.0 + Math.exp(2 * y));
                out[1] = 1.0 - out[0];
                return;
            }
            case BOOSTING_MULTICLASS: {
                int per = roots.length / classes;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < classes; j++) {
                    out[j] = boosted(0.0, j * per, (j + 1) * per, x);
                    if (out[j] > max) {
                        max = out[j];
                    }
                }
                double z = 0.0;
                for (int i = 0; i < classes; i++) {
                    out[i] = Math.exp(out[i] - max);
                    z += out[i];
                }
                for (int i = 0; i < classes; i++) {
                    out[i] /= z;
                }
                return;
            }
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * All rows, tree by tree (one tree's nodes stay in cache while every row walks it); each row's
     * sums still run over the trees in order, so every value equals {@link #predict}'s.
     */
    @Override
    public void predictAll(double[][] x, double[] out, int outWidth) {
        int n = x.length;
        switch (kind) {
            case FOREST_CLASSIFIER: {
                for (int t = 0; t < roots.length; t++) {
                    int root = roots[t];
                    double w = weights[t];
                    for (int r = 0; r < n; r++) {
                        int at = leaf(root, x[r]) * width;
                        int o = r * outWidth;
                        for (int i = 0; i < classes; i++) {
                            out[o + i] += w * leafValues[at + i];
                        }
                    }
                }
                for (int r = 0; r < n; r++) {
                    int o = r * outWidth;
                    double norm = 0.0;
                    for (int i = 0; i < classes; i++) {
                        norm += Math.abs(out[o + i]);
                    }
                    for (int i = 0; i < classes; i++) {
                        out[o + i] /= norm;
                    }
                }
                return;
            }
            case FOREST_REGRESSOR: {
                for (int t = 0; t < roots.length; t++) {
                    int root = roots[t];
                    for (int r = 0; r < n; r++) {
                        out[r] += leafValues[leaf(root, x[r])];
                    }
                }
                for (int r = 0; r < n; r++) {
                    out[r] /= roots.length;
                }
                return;
            }
            case BOOSTING_REGRESSOR: {
                double[] y = boostedAll(intercept, 0, roots.length, x);
                System.arraycopy(y, 0, out, 0, n);
                return;
            }
            case BOOSTING_BINARY: {
                double[] y = boostedAll(intercept, 0, roots.length, x);
                for (int r = 0; r < n; r++) {
                    double p0 = 1.0 / (1.0 + Math.exp(2 * y[r]));
                    out[r * outWidth] = p0;
                    out[r * outWidth + 1] = 1.0 - p0;
                }
                return;
            }
            case BOOSTING_MULTICLASS: {
                int per = roots.length / classes;
                double[][] scores = new double[classes][];
                for (int j = 0; j < classes; j++) {
                    scores[j] = boostedAll(0.0, j * per, (j + 1) * per, x);
                }
                for (int r = 0; r < n; r++) {
                    int o = r * outWidth;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < classes; j++) {
                        out[o + j] = scores[j][r];
                        if (out[o + j] > max) {
                            max = out[o + j];
                        }
                    }
                    double z = 0.0;
                    for (int i = 0; i < classes; i++) {
                        out[o + i] = Math.exp(out[o + i] - max);
                        z += out[o + i];
                    }
                    for (int i = 0; i < classes; i++) {
                        out[o + i] /= z;
                    }
                }
                return;
            }
            case TREE_CLASSIFIER: {
                for (int r = 0; r < n; r++) {
                    System.arraycopy(leafValues, leaf(roots[0], x[r]) * width, out, r * outWidth, classes);
                }
                return;
            }
            default:
                throw new AssertionError(kind);
        }
    }

    private double[] boostedAll(double start, int from, int to, double[][] x) {
        double[] y = new double[x.length];
        Arrays.fill(y, start);
        for (int t = from; t < to; t++) {
            int root = roots[t];
            for (int r = 0; r < x.length; r++) {
                y[r] += shrinkage * leafValues[leaf(root, x[r])];
            }
        }
        return y;
    }

    private double boosted(double start, int from, int to, double[] x) {
        double y = start;
        for (int t = from; t < to; t++) {
            y += shrinkage * leafValues[leaf(roots[t], x)];
        }
        return y;
    }

    /** The leaf slot {@code x} reaches from {@code node}. */
    private int leaf(int node, double[] x) {
        int[] l = links;
        int i = node;
        int f;
        while ((f = l[2 * i]) >= 0) {
            boolean left = f < NOMINAL ? x[f] <= split[i] : (int) x[f - NOMINAL] == (int) split[i];
            i = left ? i + 1 : l[2 * i + 1];
        }
        return -1 - f;
    }

    Kind kind() {
        return kind;
    }

    int trees() {
        return roots.length;
    }

    int nodes() {
        return split.length;
    }

    /** Per node: the feature of an internal node's split, or -1 - slot for a leaf. */
    int[] nodeFeatures() {
        int[] out = new int[split.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = feature(i);
        }
        return out;
    }

    /** Node {@code i}'s feature without the nominal flag, or its leaf code. */
    private int feature(int i) {
        int f = links[2 * i];
        return f >= NOMINAL ? f - NOMINAL : f;
    }

    /** Per node: the split value of an internal node (a copy). */
    double[] nodeSplits() {
        return split.clone();
    }

    // ------------------------------------------------------------------------------ checking

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        String problem = problem();
        if (problem != null) {
            throw new InvalidObjectException("a compiled tree model is damaged: " + problem);
        }
    }

    /** Why this instance cannot be used, or null: every index in range, children after parents. */
    private String problem() {
        if (kind == null || roots == null || links == null || split == null || leafValues == null || weights == null) {
            return "a field is missing";
        }
        int n = split.length;
        if (links.length != 2 * n) {
            return "the node arrays differ in length";
        }
        boolean classifier = kind == Kind.TREE_CLASSIFIER || kind == Kind.FOREST_CLASSIFIER;
        if (width != (classifier ? classes : 1) || classes < 1 || features < 0 || features >= NOMINAL) {
            return "widths: " + width + " values per leaf for " + classes + " classes";
        }
        if (kind != Kind.FOREST_REGRESSOR && kind != Kind.BOOSTING_REGRESSOR && classes < 2) {
            return classes + " classes";
        }
        if (roots.length == 0 || (kind == Kind.TREE_CLASSIFIER && roots.length != 1)) {
            return roots.length + " trees";
        }
        if (kind == Kind.FOREST_CLASSIFIER ? weights.length != roots.length : weights.length != 0) {
            return weights.length + " weights for " + roots.length + " trees";
        }
        if (kind == Kind.BOOSTING_MULTICLASS && roots.length % classes != 0) {
            return roots.length + " trees for " + classes + " classes";
        }
        int leaves = leafValues.length / width;
        if (leafValues.length % width != 0) {
            return leafValues.length + " leaf values for " + width + " per leaf";
        }
        for (int t = 0; t < roots.length; t++) {
            int start = roots[t];
            int end = t + 1 < roots.length ? roots[t + 1] : n;
            if (start < 0 || start >= end || end > n || (t == 0 && start != 0)) {
                return "tree " + t + " spans nodes [" + start + ", " + end + ")";
            }
            for (int i = start; i < end; i++) {
                int f = feature(i);
                if (f >= 0) {
                    if (f >= features) {
                        return "node " + i + " reads feature " + f + " of " + features;
                    }
                    int falseChild = links[2 * i + 1];
                    if (i + 1 >= end || falseChild <= i + 1 || falseChild >= end) {
                        return "node " + i + " has children outside its tree";
                    }
                } else if (-1 - f >= leaves) {
                    return "node " + i + " names leaf " + (-1 - f) + " of " + leaves;
                }
            }
        }
        return null;
    }
}
