package org.mlops4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.mlops4j.model.Predictions;
import org.mlops4j.report.Status;
import org.mlops4j.training.pipeline.PipelineRun;

/** Runs each pipeline benchmark method once on a small forest; the pipeline and the bare fit see the same rows. */
class PipelineBenchmarkTest {

    @Test
    void everyMethodRuns_andThePipelineTrainsWhatTheBareFitTrains() throws Exception {
        PipelineBenchmark b = new PipelineBenchmark();
        b.copies = 1;
        b.trees = 5;
        b.setUp();
        try {
            assertThat(b.data.rowCount()).isEqualTo(1_461);
            assertThat(b.train.rowCount() + b.test.rowCount()).isEqualTo(1_461);
            PipelineBenchmark.Fresh f = new PipelineBenchmark.Fresh();
            f.setUp(b);
            PipelineRun run;
            try {
                run = b.pipelineRun(f);
            } finally {
                f.tearDown();
            }
            assertThat(Files.exists(f.dir)).isFalse();
            // by hand: the same steps give the same version number, from the same champion
            PipelineBenchmark.Fresh g = new PipelineBenchmark.Fresh();
            g.setUp(b);
            try {
                assertThat(b.byHand(g).version()).isEqualTo(2);
            } finally {
                g.tearDown();
            }
            // Smile alone fits the same number of trees on the training rows
            assertThat(b.bareSmileFit().trees()).hasSize(5);
            assertThat(b.smileTrain.size()).isEqualTo(b.train.rowCount());
            // the pipeline gated against the champion, registered version 2 and promoted it
            assertThat(run.championBefore()).hasValue(1);
            assertThat(run.registeredVersion()).hasValue(2);
            assertThat(run.gateReport().orElseThrow().hasBaseline()).isTrue();
            // its candidate is the bare fit's model: same predictions on the test rows
            assertThat(probabilities(run.candidate().orElseThrow().predict(b.test.drop("weather"))))
                    .isEqualTo(probabilities(b.bareTrainerFit().predict(b.test.drop("weather"))));
            assertThat(probabilities(b.bareTrainingFit().predict(b.test.drop("weather"))))
                    .isEqualTo(probabilities(b.partEvaluate()));
            assertThat(b.partFingerprint()).isEqualTo(b.data.fingerprint());
            assertThat(b.partValidate().status()).isNotEqualTo(Status.FAIL);
            assertThat(b.partSplit().train().rowCount()).isEqualTo(b.train.rowCount());
            assertThat(b.partSerializeSha256()).hasSize(32);
            assertThat(b.partGate().hasBaseline()).isTrue();
        } finally {
            b.tearDown();
        }
        assertThat(Files.exists(b.template)).isFalse();
    }

    private static double[][] probabilities(Predictions p) {
        double[][] out = new double[p.size()][p.classes().size()];
        for (int r = 0; r < p.size(); r++) {
            for (int c = 0; c < p.classes().size(); c++) {
                out[r][c] = p.probability(r, c);
            }
        }
        return out;
    }
}
