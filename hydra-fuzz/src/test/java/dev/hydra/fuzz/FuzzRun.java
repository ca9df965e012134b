package dev.hydra.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one Jazzer run printed: its executions ({@code Done N runs}, or the last status line's count), its
 * coverage (libFuzzer's {@code cov} edges and {@code ft} features) and its findings, each a
 * {@code == Java Exception:} block, counted as a wrong accept when it is a {@link WrongAccept}.
 *
 * @param executions inputs run
 * @param edges code edges covered
 * @param features coverage features
 * @param newCrashes findings other than wrong accepts
 * @param wrongAccepts findings of silent corruption
 */
record FuzzRun(long executions, long edges, long features, long newCrashes, long wrongAccepts) {

    private static final Pattern DONE = Pattern.compile("^Done (\\d+) runs");
    private static final Pattern STATUS = Pattern.compile("^#(\\d+)\\s.*\\bcov: (\\d+) ft: (\\d+)");

    /**
     * Reads a run's output.
     *
     * @param lines what Jazzer printed
     * @return the run's figures
     */
    static FuzzRun parse(List<String> lines) {
        long executions = 0;
        long edges = 0;
        long features = 0;
        long crashes = 0;
        long wrong = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher status = STATUS.matcher(line);
            Matcher done = DONE.matcher(line);
            if (status.find()) {
                executions = Math.max(executions, Long.parseLong(status.group(1)));
                edges = Long.parseLong(status.group(2));
                features = Long.parseLong(status.group(3));
            } else if (done.find()) {
                executions = Math.max(executions, Long.parseLong(done.group(1)));
            } else if (line.startsWith("== Java Exception:")) {
                if (line.contains(WrongAccept.class.getName())) {
                    wrong++;
                } else {
                    crashes++;
                }
            }
        }
        return new FuzzRun(executions, edges, features, crashes, wrong);
    }

    /**
     * The run as {@code reliability.json} holds it.
     *
     * @return executions, coverage, new crashes and wrong accepts
     */
    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("executions", executions);
        m.put("coverage_edges", edges);
        m.put("coverage_features", features);
        m.put("new_crashes", newCrashes);
        m.put("wrong_accepts", wrongAccepts);
        return m;
    }
}
