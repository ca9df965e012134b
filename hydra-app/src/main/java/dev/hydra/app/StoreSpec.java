package dev.hydra.app;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where users' state lives, as a command line or the environment says it: a folder (the Lucene history there, heads
 * in the model folders, answers under {@code HYDRA_HOME/cache/llm}) or a PostgreSQL database (histories, heads and
 * cached answers in one schema, shared by several instances). Configuration, not code, chooses it:
 * {@code --store SPEC}, else the environment variable {@value #ENV}; {@link #open} turns it into the
 * {@link Stores}.
 *
 * @param folder the history folder, when the spec is a folder
 * @param jdbcUrl the database, when the spec is a JDBC URL
 */
public record StoreSpec(Optional<Path> folder, Optional<String> jdbcUrl) {

    /** The environment variable that gives the spec when no option does. */
    public static final String ENV = "HYDRA_STORE";

    /** The two accepted forms, as error messages and help texts name them. */
    public static final String FORMS = "a history folder (e.g. ~/.hydra/history) or a PostgreSQL JDBC URL "
            + "(jdbc:postgresql://host:5432/db?user=u&password=p)";

    /** Checks that exactly one of the two is given. */
    public StoreSpec {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (folder.isPresent() == jdbcUrl.isPresent()) {
            throw new IllegalArgumentException("a store spec is a folder or a JDBC URL, exactly one");
        }
    }

    /**
     * Reads a spec.
     *
     * @param spec a folder path or a {@code jdbc:postgresql://...} URL
     * @return the spec
     * @throws IllegalArgumentException naming the spec and the two accepted forms, when it is neither
     */
    public static StoreSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("invalid store " + (spec == null ? "null" : '"' + spec + '"')
                    + ": give " + FORMS);
        }
        String trimmed = spec.strip();
        if (trimmed.toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
            if (!trimmed.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("invalid store \"" + redact(trimmed) + "\": the only database "
                        + "is PostgreSQL; give " + FORMS);
            }
            return new StoreSpec(Optional.empty(), Optional.of(trimmed));
        }
        if (trimmed.matches("[A-Za-z][A-Za-z0-9+.-]+://.*")) {
            throw new IllegalArgumentException("invalid store \"" + redact(trimmed) + "\": not a folder, and URLs "
                    + "other than JDBC ones are not stores; give " + FORMS);
        }
        try {
            return new StoreSpec(Optional.of(Path.of(trimmed)), Optional.empty());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("invalid store \"" + trimmed + "\": " + e.getReason() + "; give "
                    + FORMS, e);
        }
    }

    /**
     * The spec an option gives, else the environment's {@value #ENV}, else none (the workspace's own folder).
     *
     * @param option the option's value, or null
     * @param environment the environment, e.g. {@code System.getenv()}
     * @return the spec, or empty
     * @throws IllegalArgumentException when the value is neither form; the message says where it came from
     */
    public static Optional<StoreSpec> resolve(String option, Map<String, String> environment) {
        if (option != null) {
            return Optional.of(parse(option));
        }
        String env = environment.get(ENV);
        if (env == null || env.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(env));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the state lives in a database.
     *
     * @return true for a JDBC URL
     */
    public boolean isDatabase() { return jdbcUrl.isPresent(); }

    /**
     * Opens the stores this spec names; nothing is connected until first used.
     *
     * @param home the Hydra home, where a folder spec keeps its cached answers ({@code HOME/cache/llm})
     * @param encoder gives the encoder whose vectors the history keeps, when the history is opened
     * @return the stores; close them
     */
    public Stores open(Path home, java.util.function.Supplier<dev.hydra.api.spi.TextEncoder> encoder) {
        return folder.isPresent() ? Stores.inFolders(folder.get(), home, encoder)
                : Stores.inPostgres(jdbcUrl.get(), encoder);
    }

    @Override
    public String toString() {
        return folder.map(Path::toString).orElseGet(() -> redact(jdbcUrl.get()));
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
