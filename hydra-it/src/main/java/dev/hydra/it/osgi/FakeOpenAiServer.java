package dev.hydra.it.osgi;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible chat completions endpoint on the loopback interface that answers every request with a
 * fixed text and keeps the request bodies: the black box behind an {@code openai:URL#MODEL} backend in the OSGi
 * check, so that LangChain4j's OpenAI client and its JDK HTTP client run inside the framework without a network.
 */
// com.sun.net.httpserver is the JDK's supported HTTP server (module jdk.httpserver), not an internal class: the fake
// needs a server and no dependency
@SuppressForbidden
public final class FakeOpenAiServer implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private FakeOpenAiServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts a server on a free port.
     *
     * @param answer what every completion says
     * @return the running server
     * @throws IOException when no port can be bound
     */
    public static FakeOpenAiServer start(String answer) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeOpenAiServer fake = new FakeOpenAiServer(http);
        String escaped = answer.replace("\\", "\\\\").replace("\"", "\\\"");
        http.createContext("/v1/chat/completions", exchange -> {
            fake.requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"fake\","
                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + escaped
                    + "\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":4,\"total_tokens\":24}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return fake;
    }

    /**
     * The base URL an OpenAI client is given.
     *
     * @return e.g. {@code http://127.0.0.1:40123/v1}
     */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + "/v1";
    }

    /**
     * The bodies of the requests received so far.
     *
     * @return the JSON bodies, in arrival order
     */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
