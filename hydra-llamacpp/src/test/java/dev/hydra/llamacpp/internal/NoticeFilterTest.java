package dev.hydra.llamacpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The llama.cpp binding's unpacking notice leaves standard output; every other byte passes unchanged. */
class NoticeFilterTest {

    @Test
    void should_take_out_only_the_extraction_notice_and_keep_every_other_byte() {
        // given
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        List<String> taken = new ArrayList<>();
        NoticeFilter filter = new NoticeFilter(target, NativeLog::isExtractionNotice, taken::add);
        PrintStream out = new PrintStream(filter, true, StandardCharsets.UTF_8);

        // when: a command's output with the notice in the middle, and a last line without its end
        out.println("method    accuracy  macro-F1");
        out.println("Extracted 'libjllama.so' to '/tmp/hydra-llama-1/libjllama.so'");
        out.print("héllo, Extracted 'x' to 'y'\r\n");
        out.print("no end of line");
        out.close();

        // then
        assertEquals("method    accuracy  macro-F1" + System.lineSeparator() + "héllo, Extracted 'x' to 'y'\r\n"
                + "no end of line", target.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("Extracted 'libjllama.so' to '/tmp/hydra-llama-1/libjllama.so'"), taken);
    }

    @Test
    void should_recognise_the_notice_by_its_form_only() {
        assertTrue(NativeLog.isExtractionNotice("Extracted 'libjllama.so' to '/tmp/a/libjllama.so'"));
        assertFalse(NativeLog.isExtractionNotice("Extracted 3 items"));
        assertFalse(NativeLog.isExtractionNotice(" Extracted 'a' to 'b'"));
    }
}
