package dev.hydra.examples.cli;

import dev.hydra.api.UserId;
import dev.hydra.examples.app.Workspace;
import dev.hydra.heads.FileHeadStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hydra forget}: erases a user: their history (compacted away) and their heads in every model. */
@Command(name = "forget", mixinStandardHelpOptions = true,
        description = {"Erases a user: removes their history items and compacts the index so that no file holds "
                + "them, and deletes their heads in every model."})
final class ForgetCommand implements Callable<Integer> {

    @Option(names = "--user", required = true, description = "The user id.")
    private String user;

    @Mixin
    private LlmOptions options;

    @Override
    public Integer call() throws IOException {
        UserId id = UserId.of(user);
        try (Workspace ws = options.workspace()) {
            int items = ws.store().forgetUser(id);
            ws.store().compact();
            int heads = 0;
            Path models = ws.modelDir("x").getParent();
            if (Files.isDirectory(models)) {
                try (Stream<Path> dirs = Files.list(models)) {
                    for (Path model : dirs.filter(d -> Files.isDirectory(d.resolve("heads"))).toList()) {
                        heads += new FileHeadStore(model).forgetUser(id);
                    }
                }
            }
            System.out.printf("forgot %s: %d history items, %d heads%n", id, items, heads);
        }
        return 0;
    }
}
