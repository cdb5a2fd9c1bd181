package org.mlops4j.training;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mlops4j.data.Row;
import org.mlops4j.data.Table;
import org.mlops4j.model.Model;
import org.mlops4j.model.Prediction;
import org.mlops4j.model.Predictions;
import org.mlops4j.model.Task;
import org.mlops4j.registry.JavaSerializer;

/**
 * A model fitted by one of this module's trainers: the learned column mapping plus the learner.
 * Predicts from a {@link Table} (batch) or a {@link Row} (online); columns are found by name, so
 * their order does not matter and extra columns are ignored; a missing column is an
 * {@link IllegalArgumentException} naming it. Classifiers always give class probabilities.
 *
 * <p>Serializable with Java serialization, for the registry. A deserialization filter must admit
 * the classes listed in {@link #DESERIALIZATION_FILTER}.
 *
 * <p>Thread safety: immutable; safe to use from many threads.
 */
public final class TrainedModel implements Model, Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * An {@link java.io.ObjectInputFilter} pattern admitting exactly what a serialized
     * {@code TrainedModel} holds (and rejecting everything else): mlops4j's training classes, Smile's
     * classes, their arrays, and the few JDK types Smile's models keep.
     */
    public static final String DESERIALIZATION_FILTER = "org.mlops4j.training.**;org.mlops4j.model.Task;smile.**;"
            + "java.lang.Enum;java.lang.Number;java.lang.Integer;java.lang.Byte;java.lang.String;"
            + "java.util.HashMap;java.util.Map$Entry;maxdepth=1000;!*";

    private static final JavaSerializer<TrainedModel> SERIALIZER = JavaSerializer.builder(TrainedModel.class)
            .allowPackage("org.mlops4j.training")
            .allowPackage("smile")
            .allow(Task.class, Map.Entry.class)   // Smile's logistic regression keeps a Map.Entry[]
            .maxDepth(1000)
            .build();

    /**
     * The registry serializer for trained models: Java serialization (id {@code "java"}) that reads
     * back only what a {@code TrainedModel} holds (the classes of {@link #DESERIALIZATION_FILTER});
     * anything else in an artifact is refused before it is instantiated. Immutable and thread-safe.
     */
    public static JavaSerializer<TrainedModel> serializer() {
        return SERIALIZER;
    }

    private final String trainer;
    private final Task task;
    private final String[] classes;
    private final FeatureMapping mapping;
    private final Predictor predictor;

    TrainedModel(String trainer, Task task, String[] classes, FeatureMapping mapping, Predictor predictor) {
        this.trainer = trainer;
        this.task = task;
        this.classes = classes == null ? new String[0] : classes.clone();
        this.mapping = mapping;
        this.predictor = predictor;
    }

    /** The name of the trainer that fitted this model. */
    public String trainerName() {
        return trainer;
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public List<String> classes() {
        return List.of(classes);
    }

    /** The columns the model reads, in training order. */
    public List<String> inputColumns() {
        return mapping.inputColumns();
    }

    /** The encoded features, in order: a column, or {@code column=level} for a category indicator. */
    public List<String> featureNames() {
        return List.of(mapping.featureNames());
    }

    /** The imputed value per column (empty unless trained with {@link MissingValues#IMPUTE}). */
    public Map<String, String> imputedValues() {
        return mapping.imputedValues();
    }

    FeatureMapping mapping() {
        return mapping;
    }

    Predictor predictor() {
        return predictor;
    }

    @Override
    public Prediction predict(Row row) {
        double[] x = mapping.encode(row);
        if (task == Task.REGRESSION) {
            double[] out = new double[1];
            predictor.predict(x, out);
            return Prediction.value(out[0]);
        }
        double[] p = new double[classes.length];
        predictor.predict(x, p);
        return Prediction.probabilities(List.of(classes), p);
    }

    @Override
    public Predictions predict(Table table) {
        double[][] x = mapping.encode(table);
        int n = x.length;
        if (task == Task.REGRESSION) {
            double[] values = new double[n];
            predictor.predictAll(x, values, 1);
            return Predictions.values(values);
        }
        double[] all = new double[n * classes.length];
        predictor.predictAll(x, all, classes.length);
        return Predictions.probabilities(List.of(classes), all);
    }

    @Override
    public String toString() {
        return "TrainedModel[" + trainer + ", " + task + (classes.length > 0 ? " " + Arrays.toString(classes) : "")
                + ", inputs " + mapping.inputColumns() + "]";
    }
}
