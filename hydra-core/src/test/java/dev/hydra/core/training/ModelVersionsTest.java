package dev.hydra.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.CorruptDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelVersionsTest {

    @TempDir
    Path root;

    /** Stages a complete version whose manifest reports the given held-out scores (null: no report). */
    private static Path staged(ModelVersions versions, Double reranker, Double adapter) throws IOException {
        Path dir = versions.newStagingDirectory();
        Files.writeString(dir.resolve("bases.bin"), "weights");
        StringBuilder selection = new StringBuilder();
        if (reranker != null) {
            selection.append("\"reranker_precision_at_k_chosen\":").append(reranker);
        }
        if (adapter != null) {
            selection.append(selection.length() > 0 ? "," : "").append("\"adapter_quality_chosen\":").append(adapter);
        }
        String report = reranker == null && adapter == null ? "" : ",\"selection\":{" + selection + "}";
        Files.writeString(dir.resolve(HydraModel.MANIFEST), "{\"format\":1" + report + "}");
        return dir;
    }

    @Test
    void should_publish_staged_versions_under_increasing_names_and_mark_them() throws IOException {
        // given
        ModelVersions versions = ModelVersions.at(root);
        Path first = staged(versions, 0.5, 0.5);
        Path second = staged(versions, 0.5, 0.5);

        // when
        ModelVersions.ModelVersion v1 = versions.publish(first);
        ModelVersions.ModelVersion v2 = versions.publish(second);

        // then
        assertEquals("v000001", v1.name());
        assertEquals("v000002", v2.name());
        assertFalse(Files.exists(first), "the staged folder is renamed, not copied");
        assertEquals("weights", Files.readString(v2.dir().resolve("bases.bin")));
        assertTrue(ModelVersions.isPublished(v1.dir()));
        assertEquals(List.of("v000001", "v000002"), versions.list().stream().map(ModelVersions.ModelVersion::name)
                .toList());
        assertEquals("v000002", versions.latest().orElseThrow().name());
        assertTrue(versions.promoted().isEmpty(), "publishing does not promote");
    }

    @Test
    void should_never_publish_an_incomplete_version_nor_a_folder_that_is_not_staged() throws IOException {
        // given
        ModelVersions versions = ModelVersions.at(root);
        Path incomplete = versions.newStagingDirectory();
        Files.writeString(incomplete.resolve("bases.bin"), "half");
        Path elsewhere = Files.createDirectories(root.resolve("mine"));

        // when
        IllegalArgumentException noManifest = assertThrows(IllegalArgumentException.class,
                () -> versions.publish(incomplete));
        IllegalArgumentException notStaged = assertThrows(IllegalArgumentException.class,
                () -> versions.publish(elsewhere));

        // then
        assertTrue(noManifest.getMessage().contains("manifest.json") && noManifest.getMessage().contains("not "
                + "published"), noManifest.getMessage());
        assertTrue(notStaged.getMessage().contains("newStagingDirectory"), notStaged.getMessage());
        assertTrue(versions.list().isEmpty());
        assertEquals(1, versions.removeAbandonedStaging(), "the incomplete staging folder is cleaned up");
        assertFalse(Files.exists(incomplete));
    }

    @Test
    void should_refuse_to_train_into_a_published_version() throws IOException {
        // given
        ModelVersions versions = ModelVersions.at(root);
        ModelVersions.ModelVersion v1 = versions.publish(staged(versions, 0.5, 0.5));

        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HydraModel.invalidate(v1.dir()));

        // then
        assertTrue(e.getMessage().contains("published") && e.getMessage().contains("newStagingDirectory"),
                e.getMessage());
        assertTrue(Files.exists(v1.dir().resolve(HydraModel.MANIFEST)), "the version is untouched");
    }

    @Test
    void should_promote_a_version_only_when_no_held_out_score_falls() throws IOException {
        // given
        ModelVersions versions = ModelVersions.at(root);
        ModelVersions.ModelVersion first = versions.publish(staged(versions, 0.40, 0.60));
        ModelVersions.ModelVersion worse = versions.publish(staged(versions, 0.45, 0.55));
        ModelVersions.ModelVersion better = versions.publish(staged(versions, 0.45, 0.60));
        ModelVersions.ModelVersion unreported = versions.publish(staged(versions, null, null));

        // when
        ModelVersions.Promotion p1 = versions.promote(first);
        ModelVersions.Promotion p2 = versions.promote(worse);
        ModelVersions.Promotion p3 = versions.promote(better);
        ModelVersions.Promotion p4 = versions.promote(unreported);

        // then
        assertTrue(p1.promoted(), p1.reason());
        assertFalse(p2.promoted(), p2.reason());
        assertTrue(p2.reason().contains("adapter_quality_chosen") && p2.reason().contains("0.5500"), p2.reason());
        assertTrue(p3.promoted(), p3.reason());
        assertEquals("v000001", p3.previous().orElseThrow().name());
        assertFalse(p4.promoted(), p4.reason());
        assertTrue(p4.reason().contains("no held-out report"), p4.reason());
        assertEquals("v000003", versions.promoted().orElseThrow().name());
    }

    @Test
    void should_promote_within_the_tolerance_and_reject_a_bad_tolerance() throws IOException {
        // given
        ModelVersions versions = ModelVersions.at(root, 0.1);
        versions.promote(versions.publish(staged(versions, 0.40, 0.60)));

        // when
        ModelVersions.Promotion slightlyWorse = versions.promote(versions.publish(staged(versions, 0.35, 0.60)));

        // then
        assertTrue(slightlyWorse.promoted(), slightlyWorse.reason());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelVersions.at(root, -0.1));
        assertTrue(e.getMessage().contains("tolerance must be in [0, 1]"), e.getMessage());
    }

    @Test
    void should_report_a_pointer_to_a_missing_version_as_damage() throws IOException {
        // given
        ModelVersions versions = ModelVersions.at(root);
        Files.writeString(root.resolve(ModelVersions.PROMOTED), "v000009\n");

        // when
        CorruptDataException e = assertThrows(CorruptDataException.class, versions::promoted);

        // then
        assertTrue(e.getMessage().contains("v000009") && e.getMessage().contains("promote"), e.getMessage());
    }

    @Test
    void should_give_concurrent_publishers_distinct_versions() throws Exception {
        // given
        ModelVersions versions = ModelVersions.at(root);
        List<Path> staged = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            staged.add(staged(versions, 0.5, 0.5));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);

        // when
        List<Future<ModelVersions.ModelVersion>> published = new ArrayList<>();
        for (Path dir : staged) {
            published.add(pool.submit(() -> versions.publish(dir)));
        }
        Set<String> names = new TreeSet<>();
        for (Future<ModelVersions.ModelVersion> f : published) {
            names.add(f.get(1, TimeUnit.MINUTES).name());
        }
        pool.shutdown();

        // then
        assertEquals(12, names.size(), "every publish took its own name: " + names);
        assertEquals(12, versions.list().size());
        assertEquals(Map.of("adapter_quality_chosen", 0.5, "reranker_precision_at_k_chosen", 0.5),
                versions.latest().orElseThrow().heldOutScores());
    }
}
