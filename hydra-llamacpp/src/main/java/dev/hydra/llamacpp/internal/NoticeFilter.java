package dev.hydra.llamacpp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An output stream that passes every line through unchanged but the ones a predicate picks, which go to a
 * consumer instead: the llama.cpp binding prints "Extracted '...libjllama.so' to '...'" on standard output when
 * it loads, in the middle of a command's output. Lines are held until their end of line; {@link #close()} passes
 * on an unfinished last line and does not close the target. Not for concurrent use by itself (wrap it in a
 * {@link java.io.PrintStream}, which locks).
 */
public final class NoticeFilter extends OutputStream {

    private final OutputStream target;
    private final Predicate<String> notice;
    private final Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /**
     * Creates the filter.
     *
     * @param target where the other lines go
     * @param notice picks the lines to take out (given without the end of line, decoded as UTF-8)
     * @param sink takes those lines
     */
    public NoticeFilter(OutputStream target, Predicate<String> notice, Consumer<String> sink) {
        this.target = target;
        this.notice = notice;
        this.sink = sink;
    }

    @Override
    public void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            endLine();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    /** Passes on an unfinished last line and flushes the target, which stays open. */
    @Override
    public void close() throws IOException {
        if (line.size() > 0) {
            line.writeTo(target);
            line.reset();
        }
        target.flush();
    }

    private void endLine() throws IOException {
        String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
        if (notice.test(text)) {
            sink.accept(text);
        } else {
            line.writeTo(target);
        }
        line.reset();
    }
}
