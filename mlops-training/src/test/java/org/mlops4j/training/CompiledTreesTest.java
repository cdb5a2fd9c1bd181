package org.mlops4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlops4j.data.Table;
import org.mlops4j.model.Task;
import org.mlops4j.model.TrainingContext;
import smile.classification.DecisionTree;
import smile.classification.RandomForest;
import smile.data.Tuple;
import smile.data.type.StructType;
import smile.regression.GradientTreeBoost;

/**
 * The compiled trees against Smile's own {@code predict} on the same fitted model: every value
 * bit-identical (tolerance zero), for every tree trainer, on real and synthetic tables, on the
 * training rows and on probes that sit exactly on split values, beyond the data, at NaN and at
 * category codes never seen; the batch path equal to the row path; and damaged forms refused.
 */
class CompiledTreesTest {

    /** A trainer, a table and its target. */
    record Case(String name, TabularTrainer<?> trainer, Table data, String target) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        Table seattle = TestData.seattle();
        Table synthetic = TestData.synthetic(600, 11);
        Table binary = binary(500, 12);
        List<Case> out = new ArrayList<>();
        out.add(new Case("decision tree, seattle (5 classes)", DecisionTreeTrainer.defaults(), seattle, "weather"));
        out.add(new Case("decision tree, synthetic (nominal)", DecisionTreeTrainer.defaults(), synthetic, "label"));
        out.add(new Case("decision tree, depth 2", DecisionTreeTrainer.defaults().withMaxDepth(2), synthetic, "label"));
        out.add(new Case("random forest, seattle", RandomForestClassifierTrainer.defaults().withTrees(40), seattle,
                "weather"));
        out.add(new Case("random forest, synthetic", RandomForestClassifierTrainer.defaults().withTrees(40), synthetic,
                "label"));
        out.add(new Case("random forest, binary, entropy", RandomForestClassifierTrainer.defaults().withTrees(25)
                .withSplitRule(SplitRule.ENTROPY), binary, "target"));
        out.add(new Case("random forest, subsampled", RandomForestClassifierTrainer.defaults().withTrees(25)
                .withSampleRate(0.6).withMaxDepth(6), synthetic, "label"));
        out.add(new Case("gradient boosting, seattle (multiclass)", GradientBoostingClassifierTrainer.defaults()
                .withTrees(30), seattle, "weather"));
        out.add(new Case("gradient boosting, synthetic (multiclass)", GradientBoostingClassifierTrainer.defaults()
                .withTrees(30), synthetic, "label"));
        out.add(new Case("gradient boosting, binary", GradientBoostingClassifierTrainer.defaults().withTrees(40),
                binary, "target"));
        out.add(new Case("random forest regression, synthetic", RandomForestRegressorTrainer.defaults().withTrees(30),
                synthetic, "value"));
        out.add(new Case("random forest regression, seattle", RandomForestRegressorTrainer.defaults().withTrees(30),
                seattle, "temp_max"));
        for (BoostingLoss loss : BoostingLoss.values()) {
            out.add(new Case("gradient boosting regression, " + loss, GradientBoostingRegressorTrainer.defaults()
                    .withTrees(40).withLoss(loss), synthetic, "value"));
        }
        return out.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void predict_anyTreeModel_bitIdenticalToSmile(Case c) {
        // GIVEN Smile's fitted model and its compiled form
        Fitted f = fit(c);
        List<double[]> probes = probes(f);
        int width = f.task == Task.CLASSIFICATION ? f.y.classes.length : 1;

        // WHEN both predict every probe
        // THEN every value has the same bits
        double[] batch = new double[probes.size() * width];
        f.compiled.predictAll(probes.toArray(new double[0][]), batch, width);
        for (int i = 0; i < probes.size(); i++) {
            double[] x = probes.get(i);
            double[] expected = f.smile(x, width);
            double[] actual = new double[width];
            f.compiled.predict(x, actual);
            double[] fromBatch = new double[width];
            System.arraycopy(batch, i * width, fromBatch, 0, width);
            assertThat(bits(actual)).as("probe %d %s", i, java.util.Arrays.toString(x)).containsExactly(bits(expected));
            assertThat(bits(fromBatch)).as("batch, probe %d", i).containsExactly(bits(expected));
        }
        assertThat(probes.size()).isGreaterThan(f.x.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainer_anyTreeModel_predictsWithTheCompiledForm(Case c) {
        // GIVEN a model fitted by the trainer
        TrainedModel m = c.trainer().fit(c.data(), c.target(), TrainingContext.of(7));

        // THEN it predicts with compiled trees, and so does its deserialized copy
        assertThat(m.predictor()).isInstanceOf(CompiledTrees.class);
        TrainedModel copy = roundTrip(m);
        assertThat(copy.predictor()).isInstanceOf(CompiledTrees.class);
        Table features = c.data().drop(c.target());
        org.mlops4j.model.Predictions a = copy.predict(features);
        org.mlops4j.model.Predictions b = m.predict(features);
        for (int r = 0; r < features.rowCount(); r++) {
            if (m.task() == Task.CLASSIFICATION) {
                for (int k = 0; k < m.classes().size(); k++) {
                    assertThat(a.probability(r, k)).isEqualTo(b.probability(r, k));
                }
            } else {
                assertThat(a.value(r)).isEqualTo(b.value(r));
            }
        }
    }

    @Test
    void compile_forest_keepsEveryTreeAndNode() {
        Fitted f = fit(new Case("rf", RandomForestClassifierTrainer.defaults().withTrees(17), TestData.seattle(),
                "weather"));
        assertThat(f.compiled.kind()).isEqualTo(CompiledTrees.Kind.FOREST_CLASSIFIER);
        assertThat(f.compiled.trees()).isEqualTo(17);
        int smileNodes = 0;
        for (DecisionTree t : ((RandomForest) f.smileModel).trees()) {
            smileNodes += t.size();                // CART.size(): the tree's nodes
        }
        assertThat(f.compiled.nodes()).isEqualTo(smileNodes);
    }

    @Test
    void construct_falseChildPointingBack_refused() {
        assertThatThrownBy(() -> stump(new int[] {0, -1, -2}, new int[] {0, -1, -1}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("not a valid compiled tree model: node 0 has children outside its tree");
    }

    @Test
    void construct_unknownFeatureOrLeaf_refused() {
        assertThatThrownBy(() -> stump(new int[] {3, -1, -2}, new int[] {2, -1, -1}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("not a valid compiled tree model: node 0 reads feature 3 of 2");
        assertThatThrownBy(() -> stump(new int[] {0, -1, -9}, new int[] {2, -1, -1}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("not a valid compiled tree model: node 2 names leaf 8 of 2");
    }

    @Test
    void deserialize_damagedChildIndex_refusedBeforeUse() throws IOException {
        // GIVEN a valid stump's serialized form with its false child (2) rewritten to point at itself (0)
        byte[] bytes = serialize(stump(new int[] {0, -1, -2}, new int[] {2, -1, -1}));
        byte[] falseChildren = {0, 0, 0, 2, -1, -1, -1, -1, -1, -1, -1, -1};
        int at = indexOf(bytes, falseChildren);
        assertThat(at).isPositive();
        bytes[at + 3] = 0;

        // WHEN it is read THEN it is refused with the reason
        assertThatThrownBy(() -> new ObjectInputStream(new ByteArrayInputStream(bytes)).readObject())
                .isInstanceOf(InvalidObjectException.class)
                .hasMessage("a compiled tree model is damaged: node 0 has children outside its tree");
    }

    @Test
    void predict_stump_goesLeftAtTheSplitValueAndRightForNaN() {
        CompiledTrees t = stump(new int[] {0, -1, -2}, new int[] {2, -1, -1});
        double[] out = new double[1];
        t.predict(new double[] {0.5, 0}, out);
        assertThat(out[0]).isEqualTo(10.0);
        t.predict(new double[] {Math.nextUp(0.5), 0}, out);
        assertThat(out[0]).isEqualTo(20.0);
        t.predict(new double[] {Double.NaN, 0}, out);
        assertThat(out[0]).isEqualTo(20.0);
    }

    // ------------------------------------------------------------------------------ helpers

    /** A regression stump on feature 0 at 0.5: left leaf 10, right leaf 20. */
    private static CompiledTrees stump(int[] feature, int[] falseChild) {
        return new CompiledTrees(CompiledTrees.Kind.FOREST_REGRESSOR, 1, 2, new int[] {0}, feature,
                new double[] {0.5, 0, 0}, new boolean[3], falseChild, new double[] {10, 20}, new double[0], 0, 0);
    }

    /** A fitted Smile model, its compiled form and how Smile predicts a vector. */
    private static final class Fitted {
        Task task;
        TargetData y;
        double[][] x;
        FeatureMapping mapping;
        Object smileModel;
        StructType schema;
        CompiledTrees compiled;

        double[] smile(double[] v, int width) {
            Tuple t = Tuple.of(v, schema);
            double[] out = new double[width];
            if (smileModel instanceof smile.classification.Classifier) {
                @SuppressWarnings("unchecked")
                smile.classification.Classifier<Tuple> c = (smile.classification.Classifier<Tuple>) smileModel;
                c.predict(t, out);
            } else {
                @SuppressWarnings("unchecked")
                smile.regression.Regression<Tuple> r = (smile.regression.Regression<Tuple>) smileModel;
                out[0] = r.predict(t);
            }
            return out;
        }
    }

    private static Fitted fit(Case c) {
        Fitted f = new Fitted();
        TabularTrainer<?> trainer = c.trainer();
        f.task = trainer.task();
        f.y = f.task == Task.CLASSIFICATION ? TargetData.classification(c.data(), c.target())
                : TargetData.regression(c.data(), c.target());
        f.mapping = FeatureMapping.fit(c.data(), c.target(), trainer.features, trainer.encoding());
        f.x = f.mapping.encode(c.data());
        f.schema = SmileFrames.frame(f.x, f.mapping, f.y).schema();
        TrainingContext ctx = TrainingContext.of(7);
        int p = f.mapping.width();
        if (trainer instanceof DecisionTreeTrainer) {
            DecisionTree m = ((DecisionTreeTrainer) trainer).smile(f.x, f.mapping, f.y, ctx);
            f.smileModel = m;
            f.compiled = CompiledTrees.of(m, f.y.classes.length, p);
        } else if (trainer instanceof RandomForestClassifierTrainer) {
            RandomForest m = ((RandomForestClassifierTrainer) trainer).smile(f.x, f.mapping, f.y, ctx);
            f.smileModel = m;
            f.compiled = CompiledTrees.of(m, f.y.classes.length, p);
        } else if (trainer instanceof GradientBoostingClassifierTrainer) {
            smile.classification.GradientTreeBoost m = ((GradientBoostingClassifierTrainer) trainer)
                    .smile(f.x, f.mapping, f.y, ctx);
            f.smileModel = m;
            f.compiled = CompiledTrees.of(m, f.y.classes.length, p);
        } else if (trainer instanceof RandomForestRegressorTrainer) {
            smile.regression.RandomForest m = ((RandomForestRegressorTrainer) trainer).smile(f.x, f.mapping, f.y, ctx);
            f.smileModel = m;
            f.compiled = CompiledTrees.of(m, p);
        } else {
            GradientTreeBoost m = ((GradientBoostingRegressorTrainer) trainer).smile(f.x, f.mapping, f.y, ctx);
            f.smileModel = m;
            f.compiled = CompiledTrees.of(m, p);
        }
        return f;
    }

    /**
     * The training rows; each of the first rows with one feature moved to every split value on that
     * feature, just above it, far beyond the data, to NaN, and (nominal features) to unseen codes.
     */
    private static List<double[]> probes(Fitted f) {
        List<double[]> out = new ArrayList<>(List.of(f.x));
        int[] features = f.compiled.nodeFeatures();
        double[] splits = f.compiled.nodeSplits();
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < features.length; i++) {
            if (features[i] < 0 || rnd.nextInt(4) != 0) {
                continue;                           // a quarter of the splits, at random
            }
            double[] base = f.x[rnd.nextInt(f.x.length)];
            for (double v : new double[] {splits[i], Math.nextUp(splits[i]), Math.nextDown(splits[i])}) {
                double[] probe = base.clone();
                probe[features[i]] = v;
                out.add(probe);
            }
        }
        boolean[] nominal = new boolean[f.mapping.width()];
        f.mapping.nominalLevels().keySet().forEach(j -> nominal[j] = true);
        for (int r = 0; r < Math.min(20, f.x.length); r++) {
            for (int j = 0; j < f.mapping.width(); j++) {
                double[] extremes = nominal[j] ? new double[] {-1, f.mapping.nominalLevels().get(j).length, 1e9}
                        : new double[] {-1e300, 1e300, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
                for (double v : extremes) {
                    double[] probe = f.x[r].clone();
                    probe[j] = v;
                    out.add(probe);
                }
            }
        }
        return out;
    }

    /** Numeric x1, x2 and categorical c (a/b/c) with a two-class target from a noisy score. */
    private static Table binary(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x1 = new double[rows];
        double[] x2 = new double[rows];
        String[] c = new String[rows];
        String[] target = new String[rows];
        for (int i = 0; i < rows; i++) {
            x1[i] = r.nextDouble(-2, 2);
            x2[i] = r.nextDouble(-1, 1);
            c[i] = "abc".substring(r.nextInt(3)).substring(0, 1);
            double score = x1[i] - 0.5 * x2[i] + (c[i].equals("c") ? 0.8 : 0) + 0.4 * r.nextDouble(-1, 1);
            target[i] = score > 0.3 ? "yes" : "no";
        }
        return Table.builder().addNumeric("x1", x1).addNumeric("x2", x2).addCategorical("c", c)
                .addCategorical("target", target).build();
    }

    private static long[] bits(double[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.doubleToRawLongBits(v[i]);
        }
        return out;
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(o);
        }
        return out.toByteArray();
    }

    private static TrainedModel roundTrip(TrainedModel m) {
        try {
            ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialize(m)));
            in.setObjectInputFilter(java.io.ObjectInputFilter.Config.createFilter(TrainedModel.DESERIALIZATION_FILTER));
            return (TrainedModel) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
