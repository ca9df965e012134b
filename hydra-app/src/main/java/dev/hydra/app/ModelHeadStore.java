package dev.hydra.app;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One model's heads in a head store that several models share (a database's): each module is kept under the
 * model's name, {@code <model>--<module>}, so that two models' reranker heads of one user never meet. A model name
 * that is not a plain module name (a dot, or too long) is replaced by the start of its SHA-256. Forgetting a user
 * forgets them in every model of the shared store.
 */
final class ModelHeadStore implements HeadStore {

    private final HeadStore shared;
    private final String prefix;

    ModelHeadStore(HeadStore shared, String model) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.prefix = (model.matches("[a-z0-9_-]{1,40}") ? model : "m" + sha256(model).substring(0, 24)) + "--";
    }

    private String scoped(String module) {
        return prefix + module;
    }

    @Override
    public String name() {
        return shared.name();
    }

    @Override
    public Optional<HeadParameters> load(UserId user, String module) {
        return shared.load(user, scoped(module));
    }

    @Override
    public void save(UserId user, String module, HeadParameters head) {
        shared.save(user, scoped(module), head);
    }

    @Override
    public boolean delete(UserId user, String module) {
        return shared.delete(user, scoped(module));
    }

    @Override
    public List<UserId> users(String module) {
        return shared.users(scoped(module));
    }

    @Override
    public int forgetUser(UserId user) {
        return shared.forgetUser(user);
    }

    @Override
    public String toString() {
        return "ModelHeadStore[" + prefix + " in " + shared + "]";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
