package org.mlops4j.training.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.mlops4j.model.Model;
import org.mlops4j.registry.JavaSerializer;
import org.mlops4j.registry.ModelSerializer;
import org.mlops4j.training.TrainedModel;

/**
 * The pipeline's default serializer: Java serialization (id {@code "java"}, readable by a
 * {@link JavaSerializer}), reading back only {@link TrainedModel}s through
 * {@link TrainedModel#serializer()}. Writes any {@link Serializable} model. Thread-safe.
 */
final class TrainedModelSerializer implements ModelSerializer<Model> {
    static final TrainedModelSerializer INSTANCE = new TrainedModelSerializer();

    private final JavaSerializer<TrainedModel> reader = TrainedModel.serializer();

    private TrainedModelSerializer() {}

    @Override
    public String id() {
        return JavaSerializer.ID;
    }

    @Override
    public void write(Model model, OutputStream out) throws IOException {
        if (!(model instanceof Serializable)) {
            throw new IOException("the model (" + model.getClass().getName() + ") is not Serializable; give the "
                    + "pipeline a ModelSerializer for it (Pipeline.Builder.serializer)");
        }
        ObjectOutputStream o = new ObjectOutputStream(out);
        o.writeObject(model);
        o.flush();
    }

    @Override
    public Model read(InputStream in) throws IOException {
        return reader.read(in);
    }

    @Override
    public String toString() {
        return "TrainedModelSerializer[java]";
    }
}
