package dev.hydra.it.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.osgi.framework.Bundle;

/**
 * The host's handle on Hydra's services inside the framework: builds Hydra's data objects with the classes of
 * the {@code hydra-api} bundle and calls the pipeline service reflectively (see {@link Reflect}).
 */
public final class HydraCalls {

    private final Class<?> userId;
    private final Class<?> query;
    private final Class<?> historyItem;
    private final Object pipeline;

    /**
     * Binds to the API bundle and a pipeline service.
     *
     * @param api the {@code hydra-api} bundle
     * @param pipeline the {@code PipelineService} object
     * @throws IllegalStateException when the API classes cannot be loaded
     */
    public HydraCalls(Bundle api, Object pipeline) {
        try {
            this.userId = api.loadClass("dev.hydra.api.UserId");
            this.query = api.loadClass("dev.hydra.api.Query");
            this.historyItem = api.loadClass("dev.hydra.api.HistoryItem");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("hydra-api bundle without its classes: " + e.getMessage(), e);
        }
        this.pipeline = pipeline;
    }

    /**
     * Adds history items to a store service.
     *
     * @param store the {@code HistoryStore} service object
     * @param items each {user, id, input, output}
     */
    public void ingest(Object store, List<String[]> items) {
        List<Object> converted = new ArrayList<>();
        for (String[] i : items) {
            converted.add(Reflect.callStatic(historyItem, "of", i[1], user(i[0]), i[2], i[3]));
        }
        Reflect.call(store, "addAll", converted);
    }

    /**
     * Personalizes a chat request.
     *
     * @param user the user id
     * @param text the message
     * @param retriever the retriever's name, or {@code null} for the configured one
     * @return what came back
     * @throws RuntimeException what the pipeline threw, e.g. {@code UnknownPluginException}
     */
    public Answer personalize(String user, String text, String retriever) {
        Object q = Reflect.create(query, user(user), text, "chat");
        Object result = retriever == null ? Reflect.call(pipeline, "personalize", q)
                : Reflect.call(pipeline, "personalize", q, retriever);
        List<String> ids = new ArrayList<>();
        List<Double> rerankScores = new ArrayList<>();
        for (Object used : (List<?>) Reflect.call(result, "usedItems")) {
            Object item = Reflect.call(used, "item");
            ids.add(Reflect.call(Reflect.call(item, "userId"), "value") + "/" + Reflect.call(item, "id"));
            rerankScores.add(score(Reflect.call(used, "rerankScore")));
        }
        List<Sample> samples = new ArrayList<>();
        for (Object answer : (List<?>) Reflect.call(result, "answers")) {
            samples.add(new Sample((String) Reflect.call(Reflect.call(answer, "candidate"), "text"),
                    score(Reflect.call(answer, "score")), (Boolean) Reflect.call(answer, "chosen")));
        }
        @SuppressWarnings("unchecked")
        List<String> degradations = ((List<Object>) Reflect.call(result, "degradations")).stream()
                .map(Object::toString).toList();
        return new Answer((String) Reflect.call(result, "answer"), ids, degradations, rerankScores, samples);
    }

    private static double score(Object optional) {
        OptionalDouble score = (OptionalDouble) optional;
        return score.isPresent() ? score.getAsDouble() : Double.NaN;
    }

    private Object user(String id) {
        return Reflect.callStatic(userId, "of", id);
    }

    /**
     * One sampled answer.
     *
     * @param text its text
     * @param score the adapter's score, NaN when no adapter scored it
     * @param chosen whether it is the answer
     */
    public record Sample(String text, double score, boolean chosen) {}

    /**
     * A pipeline answer, in host types.
     *
     * @param text the chosen answer
     * @param usedIds "user/item" of each demonstration, in prompt order
     * @param degradations what the pipeline had to work around
     * @param rerankScores the reranker's score of each demonstration, NaN when no reranker scored it
     * @param samples every sampled answer, by sample index
     */
    public record Answer(String text, List<String> usedIds, List<String> degradations, List<Double> rerankScores,
            List<Sample> samples) {

        /**
         * How many demonstrations the prompt had.
         *
         * @return the count
         */
        public int used() {
            return usedIds.size();
        }
    }
}
