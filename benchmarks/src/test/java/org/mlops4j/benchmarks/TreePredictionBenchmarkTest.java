package org.mlops4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mlops4j.model.Predictions;

/** Runs each tree-prediction benchmark method once on small forests; both sides give probabilities for every test row. */
class TreePredictionBenchmarkTest {

    @Test
    void everyMethodRuns_onTheSameRows() throws Exception {
        TreePredictionBenchmark b = new TreePredictionBenchmark();
        b.trees = 5;
        b.setUp();
        Predictions p = b.compiledTable();
        double[] s = b.smileTuples();
        assertThat(p.size()).isEqualTo(b.smileTest.size());
        assertThat(s).hasSize(p.size() * p.classes().size());
        for (int r = 0; r < p.size(); r++) {
            double sum = 0;
            for (int c = 0; c < b.k; c++) {
                sum += s[r * b.k + c];
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(b.compiledRow()).isNotNull();
        assertThat(b.smileRow()).hasSize(b.k);
    }
}
