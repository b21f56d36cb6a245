package io.gitops4j.render.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * A chart repository and an OCI registry on the loopback interface, serving the same packaged
 * charts: {@code /repository/index.yaml} and its archives, and the distribution API's few
 * endpoints a pull needs ({@code /v2/deps/NAME/tags/list}, {@code manifests/TAG},
 * {@code blobs/DIGEST}) behind a bearer-token challenge whose token service ({@code /token}) wants
 * a Basic login. Archives can be replaced (hostile ones) and the registry can stop answering.
 */
final class ChartServer implements AutoCloseable {

    static final RegistryLogin LOGIN = new RegistryLogin("robot", "p4ss-never-shown");
    private static final String TOKEN = "token-5b1f";

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Map<String, byte[]>> charts = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean registryStalls;

    /** Serves every file of {@code repository} (index.yaml and NAME-VERSION.tgz archives). */
    ChartServer(Path repository) throws IOException {
        try (Stream<Path> list = Files.list(repository)) {
            for (Path file : list.toList()) {
                String name = file.getFileName().toString();
                byte[] content = Files.readAllBytes(file);
                files.put(name, content);
                if (name.endsWith(".tgz")) {
                    String base = name.substring(0, name.length() - 4);
                    int dash = base.lastIndexOf('-');
                    charts.computeIfAbsent(base.substring(0, dash), n -> new TreeMap<>()).put(base.substring(dash + 1), content);
                }
            }
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/repository/", this::repository);
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::registry);
        server.start();
    }

    /** {@code 127.0.0.1:PORT}. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The chart repository's URL. */
    String repositoryUrl() {
        return "http://" + host() + "/repository";
    }

    /** The registry path the charts are under, as a dependency's repository. */
    String ociUrl() {
        return "oci://" + host() + "/deps";
    }

    /** Serves {@code content} for an archive in both places (the index keeps its old digest). */
    void replace(String name, String version, byte[] content) {
        files.put(name + "-" + version + ".tgz", content);
        charts.computeIfAbsent(name, n -> new TreeMap<>()).put(version, content);
    }

    /** The registry accepts connections and never answers from now on. */
    void stallRegistry() {
        registryStalls = true;
    }

    /** The paths asked for, in order. */
    List<String> requests() {
        return new ArrayList<>(requests);
    }

    private void repository(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestURI().getPath());
        byte[] body = files.get(exchange.getRequestURI().getPath().substring("/repository/".length()));
        answer(exchange, body == null ? 404 : 200, body);
    }

    private void token(HttpExchange exchange) throws IOException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((LOGIN.username() + ":" + LOGIN.password())
                .getBytes(StandardCharsets.UTF_8));
        boolean loggedIn = basic.equals(exchange.getRequestHeaders().getFirst("Authorization"));
        answer(exchange, loggedIn ? 200 : 401, loggedIn ? ("{\"token\":\"" + TOKEN + "\"}").getBytes() : null);
    }

    private void registry(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(path);
        if (registryStalls) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host() + "/token\","
                    + "service=\"test\",scope=\"repository:deps:pull\"");
            answer(exchange, 401, null);
            return;
        }
        String[] parts = path.split("/", 6);
        // /v2/deps/NAME/(tags/list|manifests/TAG|blobs/DIGEST)
        Map<String, byte[]> versions = parts.length == 6 && parts[2].equals("deps") ? charts.get(parts[3]) : null;
        if (versions == null) {
            answer(exchange, 404, null);
        } else if (parts[4].equals("tags") && parts[5].equals("list")) {
            answer(exchange, 200, ("{\"tags\":[\"" + String.join("\",\"", versions.keySet()) + "\"]}").getBytes());
        } else if (parts[4].equals("manifests") && versions.containsKey(parts[5])) {
            byte[] chart = versions.get(parts[5]);
            answer(exchange, 200, ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.cncf.helm.config"
                    + ".v1+json\"},\"layers\":[{\"mediaType\":\"" + OciChartRegistry.CHART_LAYER + "\",\"digest\":\""
                    + "sha256:" + ChartArchives.sha256(chart) + "\",\"size\":" + chart.length + "}]}").getBytes());
        } else if (parts[4].equals("blobs")) {
            byte[] blob = versions.values().stream().filter(c -> ("sha256:" + ChartArchives.sha256(c)).equals(parts[5]))
                    .findFirst().orElse(null);
            answer(exchange, blob == null ? 404 : 200, blob);
        } else {
            answer(exchange, 404, null);
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) {
        try {
            exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
