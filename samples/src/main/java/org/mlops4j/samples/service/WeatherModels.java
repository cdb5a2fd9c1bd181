package org.mlops4j.samples.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.List;
import org.mlops4j.data.ReadOptions;
import org.mlops4j.data.Table;
import org.mlops4j.model.TrainingContext;
import org.mlops4j.registry.JavaSerializer;
import org.mlops4j.training.RandomForestClassifierTrainer;
import org.mlops4j.training.TrainedModel;
import org.mlops4j.training.Training;

/**
 * The weather model of the prediction service: Seattle's daily weather (data/seattle-weather.csv, see
 * data/ATTRIBUTION.md), the four features the service takes, a seeded random forest, and the
 * serializer that stores it in the registry and reads it back through an allow-list.
 *
 * <p>Stateless; every method is thread-safe.
 */
public final class WeatherModels {
    /** The registered model's name. */
    public static final String MODEL = "weather";

    /** The alias the service follows. */
    public static final String ALIAS = "champion";

    /** The target column. */
    public static final String TARGET = "weather";

    /** The features a request carries, all numbers. */
    public static final List<String> FEATURES = List.of("precipitation", "temp_max", "temp_min", "wind");

    private WeatherModels() {
    }

    /** All 1,461 days, 2012-01-01 to 2015-12-31: date, the four features and the weather. */
    public static Table seattleWeather() {
        try (InputStream in = WeatherModels.class.getResourceAsStream("/data/seattle-weather.csv")) {
            if (in == null) {
                throw new IllegalStateException("data/seattle-weather.csv is not on the class path");
            }
            return Table.readCsv(in, "seattle-weather.csv", ReadOptions.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The days of the years {@code from} to {@code to} (inclusive, UTC). */
    public static Table years(Table days, int from, int to) {
        return days.filter(row -> {
            int year = row.getInstant("date").atZone(ZoneOffset.UTC).getYear();
            return year >= from && year <= to;
        });
    }

    /** The columns a model learns from: the four features and the target (no date). */
    public static Table trainingColumns(Table days) {
        return days.select("precipitation", "temp_max", "temp_min", "wind", TARGET);
    }

    /** The columns the monitor compares with the reference: the four features. */
    public static Table featureColumns(Table days) {
        return days.select(FEATURES);
    }

    /** A random forest of 100 trees fitted on these days' features, reproducible for a seed. */
    public static TrainedModel train(Table days, long seed) {
        RandomForestClassifierTrainer forest = RandomForestClassifierTrainer.defaults().withTrees(100);
        return (TrainedModel) Training.fit(forest, trainingColumns(days), TARGET, TrainingContext.of(seed)).model();
    }

    /**
     * Java serialization limited to what a {@link TrainedModel} holds ({@link TrainedModel#serializer()});
     * anything else in an artifact is refused before it is instantiated.
     */
    public static JavaSerializer<TrainedModel> serializer() {
        return TrainedModel.serializer();
    }
}
