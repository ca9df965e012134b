package dev.hydra.cli;

import dev.hydra.eval.bench.BenchCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code hydra} command; its subcommands are the jobs a user runs. */
@Command(
        name = "hydra",
        mixinStandardHelpOptions = true,
        versionProvider = HydraCommand.Version.class,
        description = "Personalizes black-box LLMs per user (HYDRA: a learned reranker and adapter, "
                + "a shared base plus a small head per user).",
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, IngestCommand.class, TrainCommand.class,
                FitCommand.class, ChatCommand.class, ForgetCommand.class, ModelCommand.class, EvalCommand.class,
                BenchCommand.class, CheckCommand.class, OsgiCommand.class})
public final class HydraCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /**
     * Builds the command line with its subcommands and error handling.
     *
     * @return the configured command line
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new HydraCommand());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version that Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = HydraCommand.class.getResourceAsStream("/dev/hydra/cli/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {
                    "hydra " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
