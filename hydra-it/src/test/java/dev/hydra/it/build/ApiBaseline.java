package dev.hydra.it.build;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Instructions;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A bundle's exported API as recorded in the build (its Export-Package header and bnd's API tree of the exported
 * packages, as JSON), and bnd's semantic-versioning baseline of a newer bundle against it: an exported package
 * whose change needs a higher version than it declares is a mismatch.
 *
 * @param exports the Export-Package header
 * @param api bnd's API tree of the bundle
 */
record ApiBaseline(String exports, Tree.Data api) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** The JSON form: bnd's tree as public fields, the header as a string. */
    record Stored(String exports, Tree.Data api) {}

    /**
     * Reads a bundle (jar or classes folder with its manifest).
     *
     * @param bundle the bundle
     * @return its exported API
     * @throws Exception when bnd cannot read it
     */
    static ApiBaseline of(Path bundle) throws Exception {
        try (Jar jar = new Jar(bundle.toFile())) {
            String exports = jar.getManifest().getMainAttributes().getValue("Export-Package");
            // the API part of bnd's tree only: the manifest and resources (class hashes) are not API
            Tree.Data tree = new DiffPluginImpl().tree(jar).serialize();
            tree.children = Arrays.stream(tree.children).filter(c -> c.type == Type.API).toArray(Tree.Data[]::new);
            return new ApiBaseline(exports == null ? "" : exports, tree);
        }
    }

    /**
     * Reads a recorded baseline.
     *
     * @param file the JSON file
     * @return the baseline
     * @throws IOException when the file cannot be read
     */
    static ApiBaseline read(Path file) throws IOException {
        Stored s = JSON.readValue(file.toFile(), Stored.class);
        return new ApiBaseline(s.exports(), s.api());
    }

    /**
     * Records this API.
     *
     * @param file the JSON file to write
     * @throws IOException when it cannot be written
     */
    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), new Stored(exports, api));
    }

    /**
     * Baselines this (newer) API against an older one.
     *
     * @param older the recorded baseline
     * @return one line per exported package whose version is too low for its change, naming the change and the
     *         version it needs; empty when every version fits
     * @throws Exception when bnd cannot compare them
     */
    List<String> mismatchesAgainst(ApiBaseline older) throws Exception {
        DiffPluginImpl differ = new DiffPluginImpl();
        try (Processor reporter = new Processor()) {
            Baseline baseline = new Baseline(reporter, differ);
            List<String> out = new ArrayList<>();
            for (Baseline.Info info : baseline.baseline(differ.deserialize(api), new Parameters(exports),
                    differ.deserialize(older.api), new Parameters(older.exports), new Instructions("*"))) {
                // bnd flags a too-low version only once a bundle version moved; here the declared package version
                // must reach the suggested one, and a removed exported package is always a break
                boolean tooLow = info.newerVersion != null && info.suggestedVersion != null
                        && info.newerVersion.compareTo(info.suggestedVersion) < 0;
                if (info.mismatch || tooLow || info.packageDiff.getDelta() == Delta.REMOVED) {
                    out.add(String.format(Locale.ROOT, "%s: %s change, version %s (recorded %s) must be at least %s%s",
                            info.packageName, info.packageDiff.getDelta(), info.newerVersion, info.olderVersion,
                            info.suggestedVersion, info.reason == null ? "" : " (" + info.reason + ")"));
                }
            }
            return out;
        }
    }
}
