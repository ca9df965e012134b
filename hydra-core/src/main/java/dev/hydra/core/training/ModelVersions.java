package dev.hydra.core.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HydraException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A model's versions in one folder: each version is a complete model directory, immutable once published, and
 * one of them is promoted (the one a service should serve).
 *
 * <pre>{@code
 * ModelVersions versions = ModelVersions.at(Path.of("models/titles"));
 * Path staged = versions.newStagingDirectory();
 * trainer.train(users, List.of(), staged);                 // writes the manifest last
 * ModelVersion v = versions.publish(staged);             // atomically becomes v000002
 * ModelVersions.Promotion p = versions.promote(v);       // refused when its held-out report is worse
 * if (p.promoted()) chatModel.switchTo(v.name(), pipelineOf(v), model);
 * }</pre>
 *
 * <p><b>Layout.</b> {@code v000001}, {@code v000002}, ... are published versions; {@code .staging-*} folders are
 * versions being written (a crash leaves one behind; {@link #publish} never takes an incomplete one, and
 * {@link #removeAbandonedStaging} deletes them); the file {@code PROMOTED} names the promoted version and is
 * replaced atomically.
 *
 * <p><b>Immutable.</b> Publishing marks the staged folder ({@value #PUBLISHED_MARKER}) and renames it in one step,
 * so a version is never seen half-written; {@link HydraTrainer#train} refuses to write into a published version:
 * training again makes a new version. Two writes are allowed into a published version: {@link HydraTrainer#fit}
 * adds the heads of users fitted later (the bases, shared heads and manifest are never rewritten), and
 * {@link dev.hydra.core.erasure.UserErasure} removes a forgotten user's rows, which the law puts above
 * immutability.
 *
 * <p><b>Promotion.</b> A version is promoted only when its manifest holds a held-out report and, for each module
 * the promoted version reports, its held-out score ({@code selection.reranker_precision_at_k_chosen},
 * {@code selection.adapter_quality_chosen}) is not below the promoted version's by more than the tolerance.
 *
 * <p><b>Thread-safety:</b> publishing and promoting from several threads or processes is safe: names are taken
 * by an atomic rename that fails when the name exists, and the pointer is replaced by an atomic move.
 *
 * @since 0.2
 */
public final class ModelVersions {

    /** The pointer file naming the promoted version. */
    public static final String PROMOTED = "PROMOTED";

    /** The file that marks a model directory as a published, immutable version. */
    public static final String PUBLISHED_MARKER = "PUBLISHED";

    /** The held-out scores a promotion compares, as the trainer records them under {@code selection}. */
    public static final List<String> HELD_OUT_SCORES = List.of(
            "reranker_precision_at_k_chosen", "adapter_quality_chosen");

    private static final Pattern NAME = Pattern.compile("v\\d{6}");
    private static final String STAGING = ".staging-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final double tolerance;

    private ModelVersions(Path root, double tolerance) {
        this.root = root;
        this.tolerance = tolerance;
    }

    /**
     * The versions under a folder, created when missing; a version is promoted only if no held-out score falls.
     *
     * @param root the model's folder; never {@code null}
     * @return the versions
     * @throws HydraException when the folder cannot be created
     */
    public static ModelVersions at(Path root) {
        return at(root, 0.0);
    }

    /**
     * The versions under a folder, with a tolerance for the held-out comparison.
     *
     * @param root the model's folder; never {@code null}
     * @param tolerance how far below the promoted version's a held-out score may be, in {@code [0, 1]}
     * @return the versions
     * @throws IllegalArgumentException when the tolerance is outside {@code [0, 1]}
     * @throws HydraException when the folder cannot be created
     */
    public static ModelVersions at(Path root, double tolerance) {
        Objects.requireNonNull(root, "root must not be null");
        if (!(tolerance >= 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1] (a held-out score is a fraction), was "
                    + tolerance);
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new HydraException("cannot create the model folder " + root + ": " + e.getMessage(), e);
        }
        return new ModelVersions(root, tolerance);
    }

    /**
     * A new, empty folder to write a version into (e.g. {@link HydraTrainer#train}'s directory).
     *
     * @return the folder, inside this model's folder so that publishing is one rename
     * @throws HydraException when it cannot be created
     */
    public Path newStagingDirectory() {
        try {
            return Files.createDirectory(root.resolve(STAGING + UUID.randomUUID()));
        } catch (IOException e) {
            throw new HydraException("cannot create a staging folder in " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Publishes a staged version: marks it published and renames it to the next free {@code vNNNNNN} in one step.
     *
     * @param staged a folder from {@link #newStagingDirectory()} holding a complete model (its manifest)
     * @return the published version
     * @throws IllegalArgumentException when the folder is not one of this model's staging folders, or holds no
     *     manifest (training failed or did not finish: such a version is never published)
     * @throws CorruptDataException when the manifest cannot be read
     */
    public ModelVersion publish(Path staged) {
        Objects.requireNonNull(staged, "staged must not be null");
        if (!Objects.equals(staged.toAbsolutePath().getParent(), root.toAbsolutePath())
                || !staged.getFileName().toString().startsWith(STAGING) || !Files.isDirectory(staged)) {
            throw new IllegalArgumentException("not a staging folder of " + root + ": " + staged
                    + "; write the model into versions.newStagingDirectory()");
        }
        if (!Files.isRegularFile(staged.resolve(HydraModel.MANIFEST))) {
            throw new IllegalArgumentException("the staged model " + staged + " has no " + HydraModel.MANIFEST
                    + ": its training failed or did not finish, so it is not published; train it again");
        }
        Map<String, Object> manifest = readManifest(staged);
        try {
            Files.writeString(staged.resolve(PUBLISHED_MARKER), "");
        } catch (IOException e) {
            throw new HydraException("cannot mark " + staged + " as published: " + e.getMessage(), e);
        }
        syncTree(staged);
        for (int next = nextNumber();; next++) {
            Path target = root.resolve(String.format(java.util.Locale.ROOT, "v%06d", next));
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
                HydraModel.syncDirectory(root);
                return new ModelVersion(target.getFileName().toString(), target, manifest);
            } catch (FileAlreadyExistsException e) {
                continue; // another publisher took the name
            } catch (IOException e) {
                if (Files.exists(target)) {
                    continue; // some file systems report a taken name as a plain IOException
                }
                throw new HydraException("cannot publish " + staged + " as " + target + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The published versions, oldest first.
     *
     * @return the versions
     * @throws CorruptDataException when a version's manifest cannot be read
     */
    public List<ModelVersion> list() {
        List<ModelVersion> out = new ArrayList<>();
        for (Path dir : versionDirectories()) {
            out.add(new ModelVersion(dir.getFileName().toString(), dir, readManifest(dir)));
        }
        return out;
    }

    /**
     * The newest published version.
     *
     * @return the version; empty when none is published
     */
    public Optional<ModelVersion> latest() {
        List<ModelVersion> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * The promoted version: the one to serve.
     *
     * @return the version; empty when none was promoted
     * @throws CorruptDataException when the pointer names a version that is not published
     */
    public Optional<ModelVersion> promoted() {
        Path pointer = root.resolve(PROMOTED);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        String name;
        try {
            name = Files.readString(pointer).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer, e);
        }
        Path dir = root.resolve(name);
        if (!NAME.matcher(name).matches() || !Files.isDirectory(dir)) {
            throw new CorruptDataException(pointer.toString(), "names \"" + name + "\", which is not a published "
                    + "version; promote one again with ModelVersions.promote");
        }
        return Optional.of(new ModelVersion(name, dir, readManifest(dir)));
    }

    /**
     * Promotes a version unless its held-out report is missing or worse than the promoted version's.
     *
     * @param candidate a published version of this model
     * @return what was decided and why
     * @throws IllegalArgumentException when the candidate is not one of this model's published versions
     */
    public Promotion promote(ModelVersion candidate) {
        Objects.requireNonNull(candidate, "candidate must not be null");
        if (!Objects.equals(candidate.dir().toAbsolutePath().getParent(), root.toAbsolutePath())
                || !NAME.matcher(candidate.name()).matches()) {
            throw new IllegalArgumentException(candidate.name() + " is not a published version of " + root
                    + "; publish it with ModelVersions.publish first");
        }
        Optional<ModelVersion> current = promoted();
        Map<String, Double> scores = candidate.heldOutScores();
        if (scores.isEmpty()) {
            return new Promotion(false, candidate, current, candidate.name() + " has no held-out report (manifest "
                    + "\"selection\"); not promoted");
        }
        if (current.isPresent()) {
            if (current.get().name().equals(candidate.name())) {
                return new Promotion(false, candidate, current, candidate.name() + " is promoted already");
            }
            for (Map.Entry<String, Double> before : current.get().heldOutScores().entrySet()) {
                Double after = scores.get(before.getKey());
                if (after == null) {
                    return new Promotion(false, candidate, current, candidate.name() + " has no held-out "
                            + before.getKey() + ", which " + current.get().name() + " has; not promoted");
                }
                if (after < before.getValue() - tolerance) {
                    return new Promotion(false, candidate, current, String.format(java.util.Locale.ROOT,
                            "%s is worse than %s on held-out %s: %.4f < %.4f; not promoted", candidate.name(),
                            current.get().name(), before.getKey(), after, before.getValue()));
                }
            }
        }
        writePointer(candidate.name());
        return new Promotion(true, candidate, current, candidate.name() + " promoted"
                + current.map(c -> " over " + c.name()).orElse(""));
    }

    /**
     * Removes a version that must no longer be kept (its bases hold a forgotten user's data, see
     * {@link BaseRetraining}), first pointing the promotion at its replacement when it was the promoted one. The
     * version is renamed away in one step, then deleted, so that it is never seen half-deleted.
     *
     * @param old a published version of this model
     * @param replacement the published version that replaces it
     * @return whether the promotion moved to the replacement
     * @throws IllegalArgumentException when either is not a published version of this model, or they are the same
     * @throws HydraException when the version cannot be removed
     * @since 0.4
     */
    public boolean retire(ModelVersion old, ModelVersion replacement) {
        for (ModelVersion v : List.of(Objects.requireNonNull(old, "old must not be null"),
                Objects.requireNonNull(replacement, "replacement must not be null"))) {
            if (!Objects.equals(v.dir().toAbsolutePath().getParent(), root.toAbsolutePath())
                    || !NAME.matcher(v.name()).matches() || !Files.isDirectory(v.dir())) {
                throw new IllegalArgumentException(v.name() + " is not a published version of " + root);
            }
        }
        if (old.name().equals(replacement.name())) {
            throw new IllegalArgumentException("a version cannot replace itself: " + old.name());
        }
        boolean repointed = promoted().map(p -> p.name().equals(old.name())).orElse(false);
        if (repointed) {
            writePointer(replacement.name());
        }
        try {
            Path gone = root.resolve(STAGING + "retired-" + old.name() + "-" + UUID.randomUUID());
            Files.move(old.dir(), gone, StandardCopyOption.ATOMIC_MOVE);
            HydraModel.syncDirectory(root);
            deleteTree(gone);
        } catch (IOException e) {
            throw new HydraException("cannot retire " + old.name() + " of " + root + ": " + e.getMessage(), e);
        }
        return repointed;
    }

    /**
     * Deletes staging folders left by writers that crashed; call it when no writer is running.
     *
     * @return how many were deleted
     * @throws HydraException when one cannot be deleted
     */
    public int removeAbandonedStaging() {
        int removed = 0;
        try (Stream<Path> children = Files.list(root)) {
            for (Path p : children.filter(c -> c.getFileName().toString().startsWith(STAGING)).toList()) {
                deleteTree(p);
                removed++;
            }
        } catch (IOException e) {
            throw new HydraException("cannot clean the staging folders of " + root + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /**
     * A published version.
     *
     * @param name its name, {@code vNNNNNN}
     * @param dir its model directory, loadable with {@link HydraModel#load}
     * @param manifest its manifest
     */
    public record ModelVersion(String name, Path dir, Map<String, Object> manifest) {

        /** Keeps an unmodifiable manifest. */
        public ModelVersion {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(dir, "dir must not be null");
            manifest = Map.copyOf(manifest);
        }

        /**
         * The held-out scores its trainer recorded ({@link #HELD_OUT_SCORES} found under {@code selection}).
         *
         * @return score name to value; empty when the manifest holds no held-out report
         */
        public Map<String, Double> heldOutScores() {
            Map<String, Double> out = new java.util.TreeMap<>();
            if (manifest.get("selection") instanceof Map<?, ?> selection) {
                for (String key : HELD_OUT_SCORES) {
                    if (selection.get(key) instanceof Number n && Double.isFinite(n.doubleValue())) {
                        out.put(key, n.doubleValue());
                    }
                }
            }
            return out;
        }
    }

    /**
     * What {@link #promote} decided.
     *
     * @param promoted whether the candidate is now the promoted version
     * @param candidate the candidate
     * @param previous the version promoted before, if any
     * @param reason why, in one line
     */
    public record Promotion(boolean promoted, ModelVersion candidate, Optional<ModelVersion> previous,
            String reason) {}

    private List<Path> versionDirectories() {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new HydraException("cannot list the versions in " + root + ": " + e.getMessage(), e);
        }
    }

    private int nextNumber() {
        List<Path> dirs = versionDirectories();
        return dirs.isEmpty() ? 1 : Integer.parseInt(dirs.get(dirs.size() - 1).getFileName().toString().substring(1))
                + 1;
    }

    private static Map<String, Object> readManifest(Path dir) {
        Path file = dir.resolve(HydraModel.MANIFEST);
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = JSON.readValue(file.toFile(), Map.class);
            if (read == null) {
                throw new CorruptDataException(file.toString(), "the manifest is empty; train the version again");
            }
            return read;
        } catch (IOException e) {
            throw new CorruptDataException(file.toString(), "cannot read the manifest (" + e.getMessage()
                    + "); train the version again", e);
        }
    }

    private void writePointer(String name) {
        try {
            HydraModel.replaceAtomically(root.resolve(PROMOTED), (name + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HydraException("cannot promote " + name + " in " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a model directory is a published version, which training must not rewrite.
     *
     * @param dir a model directory
     * @return whether it carries the {@value #PUBLISHED_MARKER} marker
     */
    public static boolean isPublished(Path dir) {
        return Files.isRegularFile(dir.resolve(PUBLISHED_MARKER));
    }

    private static void syncTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
        } catch (IOException e) {
            throw new HydraException("cannot flush the staged model " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
