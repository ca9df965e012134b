package dev.hydra.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hydra.llamacpp.LlmSpec;

/**
 * {@code --llm} specs ({@code smollm2}, {@code gguf:PATH}, {@code openai:URL#MODEL}): any text is parsed or
 * rejected clearly, and an accepted spec, written as a user writes it, parses to the same spec.
 */
class LlmSpecFuzzTest {

    /**
     * One input: the spec's text.
     *
     * @param data the fuzzer's input
     */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        LlmSpec spec;
        try {
            spec = LlmSpec.parse(text);
        } catch (RuntimeException e) {
            Rejections.requireClear(e);
            return;
        }
        WrongAccept.unlessEqual("the spec written back", spec, LlmSpec.parse(spec.toString()));
    }

    @FuzzTest
    void replay(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }
}
