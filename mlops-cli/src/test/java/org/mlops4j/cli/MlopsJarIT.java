package org.mlops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlops4j.internal.Json;

/**
 * Runs the shaded {@code target/mlops.jar} and the {@code ./mlops} launcher as separate processes.
 * maven-failsafe runs it after {@code package} and passes the paths as system properties.
 */
class MlopsJarIT {
    @TempDir
    Path tmp;

    record Result(int exitCode, String out, String err) {}

    private static Path property(String name) {
        String value = System.getProperty(name);
        Assumptions.assumeTrue(value != null,
                () -> "system property " + name + " is not set: run this test with 'mvnw verify' (failsafe)");
        return Path.of(value);
    }

    private Result exec(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished within 120 s: %s", List.of(command)).isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void jar_inspectsAFileAndReportsBadInputWithExitCode2() throws Exception {
        // GIVEN the shaded jar, which failsafe runs after package
        Path jar = property("mlops.jar");
        assertThat(jar).as("the shaded jar built by package").isRegularFile();
        Path weather = CliRun.resource("seattle-weather.csv");
        Path ragged = tmp.resolve("ragged.csv");
        Files.writeString(ragged, "a,b\n1,2\n3\n", StandardCharsets.UTF_8);

        // WHEN
        Result ok = exec(Map.of(), java(), "-jar", jar.toString(), "inspect", weather.toString(), "--format", "json");
        Result bad = exec(Map.of(), java(), "-jar", jar.toString(), "inspect", ragged.toString());

        // THEN
        assertThat(ok.err()).isEmpty();
        assertThat(ok.exitCode()).isZero();
        JsonNode root = Json.mapper().readTree(ok.out());
        assertThat(root.get("rows").intValue()).isEqualTo(1461);
        List<String> types = new ArrayList<>();
        root.get("columns").forEach(c -> types.add(c.get("name").asText() + ":" + c.get("type").asText()));
        assertThat(types).containsExactly("date:timestamp", "precipitation:numeric", "temp_max:numeric",
                "temp_min:numeric", "wind:numeric", "weather:categorical");
        // the same bytes as the in-process run: the jar holds the same code
        assertThat(ok.out()).isEqualTo(CliRun.of("inspect", weather.toString(), "--format", "json").out());

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).startsWith("mlops inspect: " + ragged + ", line 3: ");
    }

    @Test
    void jar_infersASchemaThenValidatesTheSameFileAgainstIt() throws Exception {
        // GIVEN the shaded jar and the weather data
        Path jar = property("mlops.jar");
        Path weather = CliRun.resource("seattle-weather.csv");
        Path schema = tmp.resolve("weather.schema.json");

        // WHEN: mlops schema infer weather.csv > schema.json; mlops validate --schema schema.json weather.csv
        Result inferred = exec(Map.of(), java(), "-jar", jar.toString(), "schema", "infer", weather.toString());
        Files.writeString(schema, inferred.out(), StandardCharsets.UTF_8);
        Result validated = exec(Map.of(), java(), "-jar", jar.toString(), "validate", "--schema", schema.toString(),
                weather.toString(), "--format", "json");

        // THEN both pass, and print what the in-process runs print
        assertThat(inferred.exitCode()).isZero();
        assertThat(inferred.err()).isEmpty();
        assertThat(inferred.out()).startsWith("{\n  \"format\": \"mlops4j.schema/1\",\n")
                .isEqualTo(CliRun.of("schema", "infer", weather.toString()).out());
        assertThat(validated.err()).isEmpty();
        assertThat(validated.exitCode()).isZero();
        JsonNode report = Json.mapper().readTree(validated.out());
        assertThat(report.get("format").asText()).isEqualTo("mlops4j.validation/1");
        assertThat(report.get("status").asText()).isEqualTo("PASS");
        assertThat(report.get("rows").intValue()).isEqualTo(1461);
        assertThat(validated.out()).isEqualTo(
                CliRun.of("validate", "--schema", schema.toString(), weather.toString(), "--format", "json").out());
    }

    @Test
    void jar_profilesAYearThenChecksAnotherForDrift() throws Exception {
        // GIVEN the shaded jar, and the weather of 2012 and of 2015 as two files
        Path jar = property("mlops.jar");
        List<String> lines = Files.readAllLines(CliRun.resource("seattle-weather.csv"), StandardCharsets.UTF_8);
        Path y2012 = tmp.resolve("2012.csv");
        Path y2015 = tmp.resolve("2015.csv");
        List<String> a = new ArrayList<>(List.of(lines.get(0)));
        List<String> b = new ArrayList<>(List.of(lines.get(0)));
        for (String l : lines) {
            if (l.startsWith("2012-")) {
                a.add(l);
            } else if (l.startsWith("2015-")) {
                b.add(l);
            }
        }
        Files.write(y2012, a, StandardCharsets.UTF_8);
        Files.write(y2015, b, StandardCharsets.UTF_8);
        Path profile = tmp.resolve("profile.json");

        // WHEN: mlops profile 2012.csv > profile.json; mlops drift --profile profile.json --current 2015.csv
        Result profiled = exec(Map.of(), java(), "-jar", jar.toString(), "profile", y2012.toString());
        Files.writeString(profile, profiled.out(), StandardCharsets.UTF_8);
        Result drift = exec(Map.of(), java(), "-jar", jar.toString(), "drift", "--profile", profile.toString(),
                "--current", y2015.toString(), "--format", "json");

        // THEN the dataset drifted (exit 1), with what the in-process run prints
        assertThat(profiled.exitCode()).isZero();
        assertThat(profiled.err()).isEmpty();
        assertThat(drift.err()).isEmpty();
        assertThat(drift.exitCode()).isEqualTo(1);
        assertThat(Json.mapper().readTree(drift.out()).get("drifted").booleanValue()).isTrue();
        CliRun inProcess = CliRun.of("drift", "--profile", profile.toString(), "--current", y2015.toString(),
                "--format", "json");
        assertThat(Json.mapper().readTree(drift.out()).get("columns"))
                .isEqualTo(Json.mapper().readTree(inProcess.out()).get("columns"));
    }

    @Test
    void ciScript_passesAGoodBatchAndFailsOnABrokenContractOrDrift() throws Exception {
        // GIVEN the sample CI step (samples/ci/check-batch.sh) running the ./mlops launcher on the jar
        Path launcher = property("mlops.launcher");
        Assumptions.assumeTrue(File.separatorChar == '/', "the CI step is a bash script");
        assertThat(property("mlops.jar")).as("present, so the launcher does not build").isRegularFile();
        Path root = launcher.toAbsolutePath().getParent();
        Path script = root.resolve("samples/ci/check-batch.sh");
        Path batches = root.resolve("samples/src/main/resources/ci");
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));

        // WHEN it checks a batch like the training data, a broken one and a drifted one
        Result ok = exec(env, script.toString(), batches.resolve("batch-2013-sample.csv").toString());
        Result broken = exec(env, script.toString(), batches.resolve("batch-broken.csv").toString());
        Result drifted = exec(env, script.toString(), batches.resolve("batch-2015.csv").toString());

        // THEN the step passes the first and fails the build on the others, saying why
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("no dataset drift: 0 of 5 evaluated columns drifted")
                .contains("contract kept, no drift");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).contains("FAIL    range(precipitation)").contains("e.g. row 42: -3")
                .contains("e.g. row 17: 'hail'").doesNotContain("== drift against the training data");
        assertThat(drifted.exitCode()).isEqualTo(1);
        assertThat(drifted.out()).contains("dataset drifted: 3 of 5 evaluated columns drifted")
                .doesNotContain("contract kept, no drift");
    }

    @Test
    void jar_trainsIntoADatabaseThatTheRegistryCommandReads() throws Exception {
        // GIVEN the shaded jar, the seattle-weather example pipeline and an empty H2 database file
        Path jar = property("mlops.jar");
        String url = "jdbc:h2:file:" + tmp.resolve("mlops").toAbsolutePath();
        String config = Path.of("../samples/src/main/resources/pipeline/pipeline.json").toString();
        String data = Path.of("../samples/src/main/resources/data/seattle-weather.csv").toString();

        // WHEN it trains into the database, lists the registry there, and is pointed at a PostgreSQL port
        // where nothing listens
        Result trained = exec(Map.of(), java(), "-jar", jar.toString(), "train", "--config", config, "--data", data,
                "--jdbc", url, "--format", "json");
        Result listed = exec(Map.of(), java(), "-jar", jar.toString(), "registry", "--jdbc", url, "list");
        Result refused = exec(Map.of(), java(), "-jar", jar.toString(), "train", "--config", config, "--data", data,
                "--jdbc", "jdbc:postgresql://127.0.0.1:1/ml?user=ci&password=s3cret");

        // THEN the H2 driver in the jar holds the promoted model, and the PostgreSQL driver is there too
        // (it is the one refusing the connection, not DriverManager finding no driver)
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        assertThat(Json.mapper().readTree(trained.out()).get("promoted").asBoolean()).isTrue();
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("seattle-weather").contains("champion=1");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).startsWith("mlops train: could not connect to the registry database: Connection to "
                + "127.0.0.1:1 refused").doesNotContain("s3cret");
    }

    @Test
    void launcher_runsTheJarWithJavaHome() throws Exception {
        Path launcher = property("mlops.launcher");
        Assumptions.assumeTrue(File.separatorChar == '/', "the launcher is a bash script");
        assertThat(launcher).isRegularFile().isExecutable();
        assertThat(property("mlops.jar")).as("present, so the launcher does not build").isRegularFile();

        Result r = exec(Map.of("JAVA_HOME", System.getProperty("java.home")), launcher.toString(), "--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("mlops " + VersionProvider.version() + "\n");
    }
}
