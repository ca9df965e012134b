package dev.hydra.heads.internal;

import dev.hydra.api.Candidate;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.Plugin;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.core.training.HydraModel;
import dev.hydra.heads.DjlScorerFactory;
import dev.hydra.heads.FileHeadStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * In OSGi, loads a trained HYDRA model directory and offers its {@link Reranker}, its {@link Adapter} and its
 * {@link HeadStore} (a {@link FileHeadStore} over the directory) as services named by {@code hydra.plugin.name}.
 *
 * <p>One component per configuration of the factory PID {@value #FACTORY_PID}: property {@code model.dir} (the
 * directory {@code hydra train} wrote; required), {@code hydra.plugin.name} (default {@value #DEFAULT_NAME}) and
 * {@code encoder.target}, the filter that picks the {@link TextEncoder} service (default: any; the model refuses
 * an encoder other than the one it was trained with). Loading is plain Java (scoring needs no DJL); a missing or
 * damaged model fails the activation, which Declarative Services logs. The services leave with the
 * configuration, the encoder or the bundle.
 */
@Component(configurationPid = HydraModelComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class HydraModelComponent {

    /** The Configuration Admin factory PID of model components. */
    public static final String FACTORY_PID = "dev.hydra.model";

    /** The plugin name of the services unless configured. */
    public static final String DEFAULT_NAME = "hydra";

    /** The component's properties. */
    public @interface Config {

        /**
         * The model directory.
         *
         * @return the path
         */
        String model_dir();

        /**
         * The plugin name of the reranker, adapter and head store services.
         *
         * @return the name
         */
        String hydra_plugin_name() default DEFAULT_NAME;
    }

    private final HydraModel model;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    /**
     * Loads the model and registers its services.
     *
     * @param context this bundle's context
     * @param encoder the encoder the model was trained with ({@code encoder.target} picks it)
     * @param config the properties
     * @throws dev.hydra.api.CorruptDataException when the model is missing, damaged, or of another encoder
     * @throws IllegalArgumentException when the name breaks {@link Plugin#NAME_RULE}
     */
    @Activate
    public HydraModelComponent(BundleContext context, @Reference(name = "encoder") TextEncoder encoder,
            Config config) {
        String name = Plugin.checkName(config.hydra_plugin_name());
        Path dir = Path.of(config.model_dir());
        FileHeadStore heads = new FileHeadStore(dir);
        this.model = HydraModel.load(dir, new DjlScorerFactory(encoder, heads));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("hydra.plugin.name", name);
        props.put("hydra.model.dir", dir.toString());
        props.put("hydra.encoder.id", encoder.id());
        Reranker reranker = model.reranker();
        Adapter adapter = model.adapter();
        boolean renamed = !name.equals(DEFAULT_NAME);
        registrations.add(context.registerService(Reranker.class,
                renamed ? new NamedReranker(name, reranker) : reranker, props));
        registrations.add(context.registerService(Adapter.class,
                renamed ? new NamedAdapter(name, adapter) : adapter, props));
        registrations.add(context.registerService(HeadStore.class, new NamedHeadStore(name, heads), props));
    }

    /** Withdraws the services and closes the model. */
    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        model.close();
    }

    private record NamedReranker(String name, Reranker delegate) implements Reranker {
        @Override
        public List<Scored<HistoryItem>> doRerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
            return delegate.rerank(query, candidates, k);
        }

        @Override
        public void prepare(Query query) {
            delegate.prepare(query);
        }
    }

    private record NamedAdapter(String name, Adapter delegate) implements Adapter {
        @Override
        public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
            return delegate.score(query, candidates);
        }
    }

    /** The model's heads under the model's name (a {@link FileHeadStore} is named "file"). */
    private record NamedHeadStore(String name, HeadStore delegate) implements HeadStore {
        @Override
        public Optional<HeadParameters> load(UserId user, String module) {
            return delegate.load(user, module);
        }

        @Override
        public void save(UserId user, String module, HeadParameters head) {
            delegate.save(user, module, head);
        }

        @Override
        public boolean delete(UserId user, String module) {
            return delegate.delete(user, module);
        }

        @Override
        public List<UserId> users(String module) {
            return delegate.users(module);
        }

        @Override
        public int forgetUser(UserId user) {
            return delegate.forgetUser(user);
        }
    }
}
