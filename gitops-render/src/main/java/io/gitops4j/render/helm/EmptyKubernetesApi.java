package io.gitops4j.render.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Kubernetes API of a cluster that holds nothing, on a loopback port of the Helm worker
 * process, and the kubeconfig that points Helm at it. helm-java templates with Helm's "dry run
 * none" mode, in which {@code lookup} queries the cluster of the kubeconfig: pointed here, every
 * lookup finds nothing and returns the empty map {@code helm template} returns, and no real
 * cluster is ever asked. Group discovery answers with an empty resource list, everything else
 * with 404 Not Found (which Helm's lookup turns into an empty result).
 */
final class EmptyKubernetesApi implements AutoCloseable {

    private final HttpServer server;

    private EmptyKubernetesApi(HttpServer server) {
        this.server = server;
    }

    /** Starts the API on an ephemeral loopback port and writes a kubeconfig for it to {@code kubeconfig}. */
    static EmptyKubernetesApi start(Path kubeconfig) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", EmptyKubernetesApi::answer);
        server.start();
        String url = "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: empty
                  cluster:
                    server: %s
                contexts:
                - name: empty
                  context:
                    cluster: empty
                    user: nobody
                current-context: empty
                users:
                - name: nobody
                  user: {}
                """.formatted(url), StandardCharsets.UTF_8);
        return new EmptyKubernetesApi(server);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] segments = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
            boolean groupDiscovery = segments.length == 3 && segments[0].equals("apis");
            String body = groupDiscovery
                    ? "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + json(segments[1] + "/"
                            + segments[2]) + "\",\"resources\":[]}"
                    : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                            + "\"message\":\"not found\",\"reason\":\"NotFound\",\"code\":404}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(groupDiscovery ? 200 : 404, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String json(String text) {
        return text.replaceAll("[^A-Za-z0-9._/-]", "");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
