package dev.hydra.it.karaf.probe;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.core.osgi.PipelineService;
import dev.hydra.core.pipeline.HydraResult;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The probe bundle's activator and its one shell command, {@code hydra-probe:personalize USER TEXT}: adds a small
 * history of two users to the Lucene store service, personalizes the request through the pipeline service, and
 * prints one line that the test parses: {@code answer=...|used=ana/1,ana/3|degradations=[]}.
 */
public final class PersonalizeCommand implements BundleActivator {

    /** The command's scope, as typed in the shell. */
    public static final String SCOPE = "hydra-probe";

    private BundleContext context;

    /** Creates the activator (for the framework). */
    public PersonalizeCommand() {}

    @Override
    public void start(BundleContext bundleContext) {
        this.context = bundleContext;
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.command.scope", SCOPE);
        props.put("osgi.command.function", new String[] {"personalize"});
        bundleContext.registerService(Object.class, this, props);
    }

    @Override
    public void stop(BundleContext bundleContext) {
        this.context = null;
    }

    /**
     * Fills the history and personalizes one request.
     *
     * <p>The line is printed, since Karaf's ssh session does not print a command's result when it runs one
     * command; Karaf's shell sends {@code System.out} to the session.
     *
     * @param user the user id
     * @param text the request
     * @return the line the test parses
     * @throws IllegalStateException when the store or the pipeline service is missing (the features or the
     *     configuration did not take)
     */
    public String personalize(String user, String text) {
        HistoryStore store = service(HistoryStore.class, "(hydra.plugin.name=lucene)");
        store.addAll(List.of(
                HistoryItem.of("1", UserId.of("ana"), "Which tyres for gravel riding?", "Tubeless tyres, 40 mm"),
                HistoryItem.of("2", UserId.of("ana"), "Best soup for winter evenings", "Lentil soup with cumin"),
                HistoryItem.of("3", UserId.of("ana"), "How to fix a puncture on tubeless tyres",
                        "Plug it, then add sealant"),
                HistoryItem.of("1", UserId.of("ben"), "Which tyres for gravel riding?",
                        "Whatever came with the bike")));
        HydraResult result = service(PipelineService.class, null)
                .personalize(new Query(UserId.of(user), text, "chat"));
        List<String> used = result.usedItems().stream()
                .map(u -> u.item().userId().value() + "/" + u.item().id()).toList();
        String line = "answer=" + result.answer() + "|used=" + String.join(",", used) + "|degradations="
                + result.degradations();
        System.out.println(line);
        return line;
    }

    private <T> T service(Class<T> type, String filter) {
        try {
            for (ServiceReference<T> ref : context.getServiceReferences(type, filter)) {
                return context.getService(ref);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
        throw new IllegalStateException("no " + type.getName() + " service" + (filter == null ? "" : " " + filter)
                + " in Karaf: are the hydra features installed and etc/dev.hydra.*.cfg in place?");
    }
}
