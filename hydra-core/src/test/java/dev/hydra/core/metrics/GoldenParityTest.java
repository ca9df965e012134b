package dev.hydra.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Parity with the Python reference packages, on the golden values of {@code scripts/golden/metrics_golden.py}
 * ({@code golden/metrics.json}): every per-pair value and every corpus aggregate must match within 1e-6
 * (relative 1e-12 for the values above 1e6 that a 20-digit rating produces).
 */
class GoldenParityTest {

    private static final double TOLERANCE = 1e-6;

    private static JsonNode golden;

    private double maxDeviation;

    @BeforeAll
    static void readGolden() throws IOException {
        try (InputStream in = GoldenParityTest.class.getResourceAsStream("/golden/metrics.json")) {
            if (in == null) {
                fail("golden/metrics.json is missing from the test resources; run scripts/golden/metrics_golden.py");
            }
            golden = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void should_hold_at_least_200_pairs_per_metric_family_and_the_reference_versions() {
        // given the golden file
        JsonNode versions = golden.path("versions");
        // then
        for (String family : List.of("classification", "rating", "generation")) {
            int pairs = golden.path(family).path("pairs").size();
            assertTrue(pairs >= 200, family + " has only " + pairs + " golden pairs");
        }
        for (String pkg : List.of("rouge-score", "sacrebleu", "scikit-learn")) {
            assertTrue(versions.path(pkg).isTextual(), "no version recorded for " + pkg);
        }
    }

    @Test
    void should_tokenize_every_pair_as_rouge_score_does() {
        for (JsonNode pair : golden.path("generation").path("pairs")) {
            // when
            List<String> tokens = Rouge.tokenize(pair.path("prediction").asText());
            // then
            assertEquals(strings(pair.path("prediction_rouge_tokens")), tokens, describe(pair));
        }
    }

    @Test
    void should_score_every_pair_as_rouge_score_does(TestReporter reporter) {
        for (JsonNode pair : golden.path("generation").path("pairs")) {
            // given
            String prediction = pair.path("prediction").asText();
            String gold = pair.path("gold").asText();
            // when
            RougeScore rouge1 = Rouge.rouge1(gold, prediction);
            RougeScore rougeL = Rouge.rougeL(gold, prediction);
            // then
            assertScore(pair.path("rouge1"), rouge1, "rouge1 of " + describe(pair));
            assertScore(pair.path("rougeL"), rougeL, "rougeL of " + describe(pair));
        }
        reporter.publishEntry("max deviation, per-pair ROUGE", Double.toString(maxDeviation));
    }

    @Test
    void should_tokenize_every_segment_as_sacrebleu_13a_does() {
        for (JsonNode pair : golden.path("generation").path("pairs")) {
            assertEquals(pair.path("prediction_13a").asText(), SacreBleu.tokenize(pair.path("prediction").asText()),
                    describe(pair));
            assertEquals(pair.path("gold_13a").asText(), SacreBleu.tokenize(pair.path("gold").asText()),
                    describe(pair));
        }
    }

    @Test
    void should_compute_corpus_bleu_and_its_statistics_as_sacrebleu_does(TestReporter reporter) {
        JsonNode pairs = golden.path("generation").path("pairs");
        for (JsonNode corpus : golden.path("generation").path("corpora")) {
            // given
            List<String> hypotheses = column(pairs, corpus.path("indices"), "prediction");
            List<String> references = column(pairs, corpus.path("indices"), "gold");
            JsonNode expected = corpus.path("bleu_raw");
            String name = "corpus " + corpus.path("name").asText();
            // when
            BleuScore actual = SacreBleu.corpusBleu(hypotheses, references);
            // then
            assertClose(expected.path("score").asDouble(), actual.score(), name + " score");
            assertEquals(longs(expected.path("counts")), actual.counts(), name + " counts");
            assertEquals(longs(expected.path("totals")), actual.totals(), name + " totals");
            for (int n = 0; n < 4; n++) {
                assertClose(expected.path("precisions").get(n).asDouble(), actual.precisions().get(n),
                        name + " precision " + (n + 1));
            }
            assertClose(expected.path("bp").asDouble(), actual.bp(), name + " bp");
            assertEquals(expected.path("sys_len").asLong(), actual.sysLen(), name + " sys_len");
            assertEquals(expected.path("ref_len").asLong(), actual.refLen(), name + " ref_len");
        }
        reporter.publishEntry("max deviation, corpus BLEU", Double.toString(maxDeviation));
    }

    @Test
    void should_compute_the_generation_metrics_as_hydra_does(TestReporter reporter) {
        JsonNode pairs = golden.path("generation").path("pairs");
        for (JsonNode corpus : golden.path("generation").path("corpora")) {
            // when
            Map<String, Double> metrics = Metrics.generation(column(pairs, corpus.path("indices"), "prediction"),
                    column(pairs, corpus.path("indices"), "gold"));
            // then
            String name = "corpus " + corpus.path("name").asText();
            assertClose(corpus.path("rouge1").asDouble(), metrics.get(Metrics.ROUGE_1), name + " rouge1");
            assertClose(corpus.path("rougeL").asDouble(), metrics.get(Metrics.ROUGE_L), name + " rougeL");
            assertClose(corpus.path("bleu").asDouble(), metrics.get(Metrics.BLEU), name + " bleu");
        }
        reporter.publishEntry("max deviation, generation corpora", Double.toString(maxDeviation));
    }

    @Test
    void should_normalize_and_index_every_classification_answer_as_hydra_does() {
        JsonNode labelSets = golden.path("classification").path("labels");
        for (JsonNode pair : golden.path("classification").path("pairs")) {
            // given
            List<String> labels = strings(labelSets.path(pair.path("task").asText()));
            // when
            String normalized = Classification.normalizePrediction(pair.path("prediction").asText());
            // then
            assertEquals(pair.path("normalized_prediction").asText(), normalized, describe(pair));
            assertEquals(pair.path("prediction_index").asInt(), labels.indexOf(normalized), describe(pair));
            assertEquals(pair.path("gold_index").asInt(),
                    labels.indexOf(Classification.normalizeGold(pair.path("gold").asText())), describe(pair));
        }
    }

    @Test
    void should_compute_accuracy_and_macro_f1_as_sklearn_does(TestReporter reporter) {
        JsonNode pairs = golden.path("classification").path("pairs");
        JsonNode labelSets = golden.path("classification").path("labels");
        for (JsonNode corpus : golden.path("classification").path("corpora")) {
            // when
            Map<String, Double> metrics = Metrics.classification(column(pairs, corpus.path("indices"), "prediction"),
                    column(pairs, corpus.path("indices"), "gold"),
                    strings(labelSets.path(corpus.path("task").asText())));
            // then
            String name = "corpus " + corpus.path("name").asText();
            assertClose(corpus.path("accuracy").asDouble(), metrics.get(Metrics.ACCURACY), name + " accuracy");
            assertClose(corpus.path("f1").asDouble(), metrics.get(Metrics.F1), name + " f1");
        }
        reporter.publishEntry("max deviation, classification corpora", Double.toString(maxDeviation));
    }

    @Test
    void should_read_every_rating_as_lamp_does() {
        for (JsonNode pair : golden.path("rating").path("pairs")) {
            // when
            double gold = Rating.firstInteger(pair.path("gold").asText()).orElseThrow();
            double prediction = Rating.predictionValue(pair.path("prediction").asText(), gold);
            // then
            assertEquals(pair.path("gold_value").asDouble(), gold, describe(pair));
            assertEquals(pair.path("prediction_value").asDouble(), prediction, describe(pair));
        }
    }

    @Test
    void should_compute_mae_and_rmse_as_sklearn_does(TestReporter reporter) {
        JsonNode pairs = golden.path("rating").path("pairs");
        for (JsonNode corpus : golden.path("rating").path("corpora")) {
            // when
            Map<String, Double> metrics = Metrics.rating(column(pairs, corpus.path("indices"), "prediction"),
                    column(pairs, corpus.path("indices"), "gold"));
            // then
            String name = "corpus " + corpus.path("name").asText();
            assertClose(corpus.path("mae").asDouble(), metrics.get(Metrics.MAE), name + " mae");
            assertClose(corpus.path("rmse").asDouble(), metrics.get(Metrics.RMSE), name + " rmse");
        }
        reporter.publishEntry("max deviation, rating corpora", Double.toString(maxDeviation));
    }

    @Test
    void should_treat_exactly_pythons_whitespace_as_whitespace() {
        // given
        Set<Integer> python = new HashSet<>();
        golden.path("text").path("whitespace_code_points").forEach(n -> python.add(n.asInt()));
        // then
        assertTrue(python.size() > 20, "too few whitespace code points in the golden file");
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (PythonText.isSpace(cp) != python.contains(cp)) {
                fail(String.format(Locale.ROOT, "U+%04X: Python isspace()=%s, Java=%s", cp, python.contains(cp),
                        !python.contains(cp)));
            }
        }
    }

    @Test
    void should_turn_each_single_code_point_into_the_rouge_tokens_python_does() {
        // given
        JsonNode expected = golden.path("text").path("rouge_tokens_of_single_code_points");
        // then: every code point that lowercases into [a-z0-9] (A-Z, digits, U+0130, U+212A) and no other
        List<String> mismatches = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            List<String> tokens = Rouge.tokenize(new String(Character.toChars(cp)));
            JsonNode python = expected.get(Integer.toString(cp));
            List<String> pythonTokens = python == null ? List.of() : strings(python);
            if (!tokens.equals(pythonTokens)) {
                mismatches.add(String.format(Locale.ROOT, "U+%04X: Python %s, Java %s", cp, pythonTokens, tokens));
            }
        }
        assertTrue(expected.size() >= 62, "the golden file lists too few token code points");
        assertEquals(List.of(), mismatches);
    }

    private void assertScore(JsonNode expected, RougeScore actual, String message) {
        assertClose(expected.get(0).asDouble(), actual.precision(), message + " precision");
        assertClose(expected.get(1).asDouble(), actual.recall(), message + " recall");
        assertClose(expected.get(2).asDouble(), actual.fmeasure(), message + " fmeasure");
    }

    private void assertClose(double expected, double actual, String message) {
        double deviation = Math.abs(expected - actual);
        double tolerance = Math.abs(expected) > 1e6 ? 1e-12 * Math.abs(expected) : TOLERANCE;
        if (!(deviation <= tolerance)) {
            fail(message + ": expected " + expected + " but was " + actual + " (deviation " + deviation + ")");
        }
        if (Math.abs(expected) <= 1e6) {
            maxDeviation = Math.max(maxDeviation, deviation);
        }
    }

    private static String describe(JsonNode pair) {
        return "prediction " + quote(pair.path("prediction").asText()) + ", gold " + quote(pair.path("gold").asText());
    }

    private static String quote(String text) {
        return '"' + text.replace("\n", "\\n").replace("\t", "\\t") + '"';
    }

    private static List<String> column(JsonNode pairs, JsonNode indices, String field) {
        List<String> values = new ArrayList<>();
        indices.forEach(i -> values.add(pairs.get(i.asInt()).path(field).asText()));
        return values;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asLong()));
        return values;
    }
}
