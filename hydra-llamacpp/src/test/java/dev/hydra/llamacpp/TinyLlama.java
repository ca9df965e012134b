package dev.hydra.llamacpp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A tiny llama-architecture GGUF model that the tests write themselves (about 150 KB, F32, fixed-seed weights),
 * so that the llama.cpp tests need no downloaded model and know what the model must answer.
 *
 * <p>Its vocabulary is SentencePiece-style: {@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte tokens, then
 * {@code ▁} (a space) and the letters {@code a} to {@code z}. Its weights are built so that it continues the
 * alphabet: after a letter comes the next one, after {@code z} a space, after a space {@code a}, and after any
 * other token {@code a}. The embedding puts each of the 27 letter tokens on its own dimension (the other tokens
 * share one more), plus a constant dimension; the output matrix maps each dimension to its successor with a logit
 * about 2 above the other letters and keeps the special and byte tokens about 10 below. The two transformer layers
 * have small random weights (seed {@value #SEED}) that run through llama.cpp's whole forward pass without changing
 * that ranking. So a greedy answer is exactly {@link #greedyContinuation(String, int)}, while at temperature 1 the
 * successor has only about a fifth of the probability, and samples differ from seed to seed.
 */
final class TinyLlama {

    static final long SEED = 17;
    static final String FILE_NAME = "tiny-llama.gguf";
    /** The space and the letters, in the order the model continues them. */
    static final String LETTERS = " abcdefghijklmnopqrstuvwxyz";

    private static final int EMBED = 32;
    private static final int HEADS = 4;
    private static final int KV_HEADS = 2;
    private static final int FFN = 64;
    private static final int LAYERS = 2;
    private static final int FIRST_LETTER = 3 + 256;
    private static final int VOCAB = FIRST_LETTER + LETTERS.length();
    private static final int OTHER_DIM = LETTERS.length();
    private static final int CONSTANT_DIM = EMBED - 1;
    private static final float SUCCESSOR = 0.5f; // times the normalized 4.0: a logit of about 2
    private static final float SUPPRESSED = -2.5f; // about -10: never sampled
    private static final float NOISE = 0.02f;

    private TinyLlama() {}

    /**
     * Writes the model into a folder.
     *
     * @param dir an existing folder
     * @return the written file, {@value #FILE_NAME}
     */
    static Path write(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        Random random = new Random(SEED);
        GgufWriter gguf = new GgufWriter()
                .string("general.architecture", "llama")
                .string("general.name", "hydra-tiny-llama")
                .u32("llama.context_length", 512)
                .u32("llama.embedding_length", EMBED)
                .u32("llama.block_count", LAYERS)
                .u32("llama.feed_forward_length", FFN)
                .u32("llama.rope.dimension_count", EMBED / HEADS)
                .u32("llama.attention.head_count", HEADS)
                .u32("llama.attention.head_count_kv", KV_HEADS)
                .f32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .string("tokenizer.ggml.model", "llama")
                .strings("tokenizer.ggml.tokens", tokens())
                .f32s("tokenizer.ggml.scores", new float[VOCAB])
                .i32s("tokenizer.ggml.token_type", tokenTypes())
                .u32("tokenizer.ggml.bos_token_id", 1)
                .u32("tokenizer.ggml.eos_token_id", 2)
                .u32("tokenizer.ggml.unknown_token_id", 0)
                .tensor("token_embd.weight", embeddings(random), EMBED, VOCAB)
                .tensor("output_norm.weight", ones(EMBED), EMBED)
                .tensor("output.weight", output(random), EMBED, VOCAB);
        int kv = EMBED / HEADS * KV_HEADS;
        for (int layer = 0; layer < LAYERS; layer++) {
            String blk = "blk." + layer + ".";
            gguf.tensor(blk + "attn_norm.weight", ones(EMBED), EMBED)
                    .tensor(blk + "attn_q.weight", noise(random, EMBED * EMBED), EMBED, EMBED)
                    .tensor(blk + "attn_k.weight", noise(random, EMBED * kv), EMBED, kv)
                    .tensor(blk + "attn_v.weight", noise(random, EMBED * kv), EMBED, kv)
                    .tensor(blk + "attn_output.weight", noise(random, EMBED * EMBED), EMBED, EMBED)
                    .tensor(blk + "ffn_norm.weight", ones(EMBED), EMBED)
                    .tensor(blk + "ffn_gate.weight", noise(random, EMBED * FFN), EMBED, FFN)
                    .tensor(blk + "ffn_down.weight", noise(random, FFN * EMBED), FFN, EMBED)
                    .tensor(blk + "ffn_up.weight", noise(random, EMBED * FFN), EMBED, FFN);
        }
        try {
            gguf.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * What the model answers greedily: the alphabet continued from the prompt's last character.
     *
     * @param prompt the raw prompt
     * @param tokens how many tokens (characters) to continue
     * @return the continuation
     */
    static String greedyContinuation(String prompt, int tokens) {
        int at = prompt.isEmpty() ? -1 : LETTERS.indexOf(prompt.charAt(prompt.length() - 1));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            at = at < 0 ? 1 : (at + 1) % LETTERS.length();
            text.append(LETTERS.charAt(at));
        }
        return text.toString();
    }

    /**
     * A builder for the model in a folder, written there first: raw prompts (no chat template), a context of
     * 256 tokens, one thread and one slot, where answers depend on the prompt and the seed alone.
     *
     * @param dir an existing folder
     * @return the builder
     */
    static LlamaCppChatModel.Builder builder(Path dir) {
        return LlamaCppChatModel.builder().modelPath(write(dir)).chatTemplate(false).contextSize(256).threads(1);
    }

    private static List<String> tokens() {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format(Locale.ROOT, "<0x%02X>", b));
        }
        tokens.add("\u2581");
        for (char c = 'a'; c <= 'z'; c++) {
            tokens.add(String.valueOf(c));
        }
        return tokens;
    }

    private static int[] tokenTypes() {
        int[] types = new int[VOCAB];
        types[0] = 2; // unknown
        types[1] = 3; // control
        types[2] = 3;
        for (int t = 3; t < VOCAB; t++) {
            types[t] = t < FIRST_LETTER ? 6 : 1; // byte, normal
        }
        return types;
    }

    /** The dimension a token is embedded on: its letter's, or the one all other tokens share. */
    private static int dimension(int token) {
        return token >= FIRST_LETTER ? token - FIRST_LETTER : OTHER_DIM;
    }

    private static float[] embeddings(Random random) {
        float[] e = noise(random, EMBED * VOCAB);
        for (int t = 0; t < VOCAB; t++) {
            e[t * EMBED + dimension(t)] += 1f;
            e[t * EMBED + CONSTANT_DIM] += 1f;
        }
        return e;
    }

    private static float[] output(Random random) {
        float[] w = noise(random, EMBED * VOCAB);
        for (int t = 0; t < FIRST_LETTER; t++) {
            w[t * EMBED + CONSTANT_DIM] += SUPPRESSED;
        }
        for (int dim = 0; dim <= OTHER_DIM; dim++) {
            int next = dim == OTHER_DIM ? 1 : (dim + 1) % LETTERS.length();
            w[(FIRST_LETTER + next) * EMBED + dim] += SUCCESSOR;
        }
        return w;
    }

    private static float[] noise(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian() * NOISE;
        }
        return values;
    }

    private static float[] ones(int n) {
        float[] values = new float[n];
        Arrays.fill(values, 1f);
        return values;
    }
}
