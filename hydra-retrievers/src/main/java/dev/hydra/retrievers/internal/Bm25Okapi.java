package dev.hydra.retrievers.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BM25 Okapi exactly as the Python package {@code rank_bm25} 0.2.2 computes it ({@code BM25Okapi}), the
 * retriever of LaMP and HYDRA: IDF {@code ln((N - n + 0.5) / (n + 0.5))} over the given corpus alone, negative
 * IDFs replaced by {@code epsilon * mean(idf)}, and per query token (repeats included)
 * {@code idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avgdl))}. Sums run in the package's order, so
 * scores agree to the last few bits.
 */
public final class Bm25Okapi {

    private final double k1;
    private final double b;
    private final List<Map<String, Integer>> docFreqs = new ArrayList<>();
    private final int[] docLen;
    private final Map<String, Double> idf = new HashMap<>();
    private final double avgdl;

    /**
     * Indexes a tokenized corpus.
     *
     * @param corpus the documents, each a list of tokens
     * @param k1 term frequency saturation (1.5 in rank_bm25)
     * @param b length normalization (0.75)
     * @param epsilon the floor of negative IDFs, as a fraction of the mean IDF (0.25)
     */
    public Bm25Okapi(List<List<String>> corpus, double k1, double b, double epsilon) {
        this.k1 = k1;
        this.b = b;
        this.docLen = new int[corpus.size()];
        Map<String, Integer> nd = new LinkedHashMap<>();
        long numTokens = 0;
        for (int d = 0; d < corpus.size(); d++) {
            List<String> doc = corpus.get(d);
            docLen[d] = doc.size();
            numTokens += doc.size();
            Map<String, Integer> freqs = new LinkedHashMap<>();
            for (String w : doc) {
                freqs.merge(w, 1, Integer::sum);
            }
            docFreqs.add(freqs);
            for (String w : freqs.keySet()) {
                nd.merge(w, 1, Integer::sum);
            }
        }
        this.avgdl = corpus.isEmpty() ? 0 : (double) numTokens / corpus.size();
        double idfSum = 0;
        List<String> negative = new ArrayList<>();
        for (Map.Entry<String, Integer> e : nd.entrySet()) {
            int freq = e.getValue();
            double value = Math.log(corpus.size() - freq + 0.5) - Math.log(freq + 0.5);
            idf.put(e.getKey(), value);
            idfSum += value;
            if (value < 0) {
                negative.add(e.getKey());
            }
        }
        double averageIdf = nd.isEmpty() ? 0 : idfSum / nd.size();
        double eps = epsilon * averageIdf;
        for (String w : negative) {
            idf.put(w, eps);
        }
    }

    /**
     * Scores every document against a tokenized query.
     *
     * @param query the query tokens
     * @return one score per document, in corpus order
     */
    public double[] scores(List<String> query) {
        double[] score = new double[docLen.length];
        if (avgdl == 0) {
            return score;
        }
        for (String q : query) {
            double qIdf = idf.getOrDefault(q, 0.0);
            for (int d = 0; d < docLen.length; d++) {
                double tf = docFreqs.get(d).getOrDefault(q, 0);
                score[d] += qIdf * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * docLen[d] / avgdl)));
            }
        }
        return score;
    }

    /**
     * Splits a text as Python's {@code str.split()} does: on runs of Unicode whitespace, no empty tokens, no
     * lower-casing.
     *
     * @param text the text
     * @return the tokens
     */
    public static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            if (isPythonSpace(text.charAt(i))) {
                if (start >= 0) {
                    tokens.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }

    /** Python's {@code str.isspace} for one char: Java's whitespace plus the no-break spaces and NEL. */
    static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00a0' || c == '\u2007' || c == '\u202f' || c == '\u0085';
    }
}
