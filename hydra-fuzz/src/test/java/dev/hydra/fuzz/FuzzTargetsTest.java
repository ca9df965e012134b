package dev.hydra.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The check's catalogue and its verdicts, apart from Jazzer. */
class FuzzTargetsTest {

    @Test
    void should_list_every_target_of_the_package_with_its_entry_point_and_seeds() throws Exception {
        Path classes = Path.of(FuzzTargetsTest.class.getResource("FuzzTargetsTest.class").toURI()).getParent();
        try (java.util.stream.Stream<Path> files = Files.list(classes)) {
            assertEquals(new java.util.TreeSet<>(files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith("FuzzTest.class")).map(n -> n.replace(".class", "")).toList()),
                    new java.util.TreeSet<>(FuzzCheck.TARGETS.stream().map(Class::getSimpleName).toList()),
                    "FuzzCheck.TARGETS lists every *FuzzTest");
        }
        for (Class<?> target : FuzzCheck.TARGETS) {
            Method entry = findEntry(target);
            assertTrue(java.lang.reflect.Modifier.isStatic(entry.getModifiers()), target + " entry is static");
            Path seeds = Path.of("src/test/resources/dev/hydra/fuzz", target.getSimpleName() + "Inputs", "replay");
            assertTrue(Files.isDirectory(seeds), "committed seeds of " + target.getSimpleName() + " in " + seeds);
        }
    }

    @Test
    void should_let_a_clear_rejection_pass_and_rethrow_anything_else() {
        Rejections.requireClear(new IllegalArgumentException("m must be >= 0, was -1"));
        Rejections.requireClear(new dev.hydra.api.CorruptDataException("f.json", "malformed JSON"));
        assertThrows(NullPointerException.class, () -> Rejections.requireClear(new NullPointerException("x")));
        assertThrows(NumberFormatException.class,
                () -> Rejections.requireClear(new NumberFormatException("For input string: \"x\"")));
        assertThrows(IllegalArgumentException.class, () -> Rejections.requireClear(new IllegalArgumentException()));
    }

    @Test
    void should_fail_on_content_that_differs_from_what_was_written() {
        WrongAccept.unlessEqual("same", "a", "a");
        WrongAccept e = assertThrows(WrongAccept.class, () -> WrongAccept.unlessEqual("answer", "a", "b"));
        assertTrue(e.getMessage().equals("answer: expected a but read b"), e.getMessage());
    }

    private static Method findEntry(Class<?> target) throws NoSuchMethodException {
        try {
            return target.getMethod("fuzzerTestOneInput", FuzzedDataProvider.class);
        } catch (NoSuchMethodException e) {
            return target.getMethod("fuzzerTestOneInput", byte[].class);
        }
    }
}
