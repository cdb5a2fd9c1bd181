package org.mlops4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The attribution runs on a small forest and lists every step and every by-hand part. */
class PipelineAttributionTest {

    @Test
    void report_smallForest_listsStepsAndParts() throws Exception {
        String report = PipelineAttribution.report(1, 5, 2);
        assertThat(report).contains("| Pipeline.run | ms |", "| VALIDATE |", "| TRAIN |", "| PROMOTE |",
                "| outside the steps |", "| by hand | ms |", "| fit |", "| move the alias |", "| total |");
    }
}
