package io.gitops4j.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gitops4j.core.webhook.WebhookHandler;
import io.gitops4j.core.webhook.WebhookRequest;
import io.gitops4j.core.webhook.WebhookResult;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's one HTTP port, as Argo CD spreads it over its servers: {@code POST /api/webhook}
 * (Git push webhooks, {@link WebhookHandler}), {@code GET /metrics} (the engine's Micrometer
 * meters in Prometheus text) and {@code GET /healthz} ({@code ok}, or 503 with the reason).
 *
 * <pre>{@code
 * PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * GitOps gitops = GitOps.builder().cluster(cluster).workDir(dir).meterRegistry(metrics).build();
 * ApplicationController controller = gitops.controller().meterRegistry(metrics).build();
 * try (ControllerHttpServer server = ControllerHttpServer.builder().port(8080)
 *         .webhooks(WebhookHandler.builder(controller::refresh).secrets(secrets).build())
 *         .metrics(metrics).build().start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver} (no server dependency for embedders), with
 * a small fixed pool of request threads. A webhook body is read only up to the handler's limit:
 * a larger {@code Content-Length} is answered 413 unread, a longer body 413 as soon as it passes
 * the limit. Each request has a deadline ({@link Builder#requestDeadline}, 30 s unless set) from the
 * moment a thread takes it to the end of its answer: a client that trickles its headers or body, or
 * reads the answer too slowly, gets 408 (when no answer was begun) and its connection closed, so
 * it holds a thread no longer than that while the other threads go on serving. Unknown paths get
 * 404, other methods 405. Closing stops the port at once.
 */
public final class ControllerHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerHttpServer.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Builder settings;
    private HttpServer server;
    private ExecutorService executor;
    private ScheduledExecutorService timer;
    private RequestDeadlines deadlines;

    private ControllerHttpServer(Builder settings) {
        this.settings = settings;
    }

    /**
     * Starts configuring a server: port 8080 on every address, no webhooks, no metrics, always healthy.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the port and starts answering.
     *
     * @return this server, listening
     * @throws UncheckedIOException when the port cannot be opened (in use, not permitted)
     */
    public synchronized ControllerHttpServer start() {
        if (server != null) {
            throw new IllegalStateException("the controller's HTTP server is started already");
        }
        InetSocketAddress address = new InetSocketAddress(settings.address, settings.port);
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the controller's HTTP port " + settings.port + " on "
                    + settings.address.getHostAddress() + ": " + e.getMessage() + "; choose another --port", e);
        }
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(settings.threads, runnable -> {
            Thread thread = new Thread(runnable, "gitops-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gitops-http-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        deadlines = new RequestDeadlines(executor, timer, settings.requestDeadline);
        server.setExecutor(deadlines);
        server.createContext("/", this::dispatch);
        server.start();
        LOG.info("controller HTTP server listening on {}:{} (webhooks {}, metrics {})",
                settings.address.getHostAddress(), port(), settings.webhooks.isPresent() ? "on" : "off",
                settings.metrics.isPresent() ? "on" : "off");
        return this;
    }

    /** {@return the port it listens on (the one the system chose when port 0 was asked for)} */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the controller's HTTP server is not started");
        }
        return server.getAddress().getPort();
    }

    /** Stops answering and closes the port; requests in progress are cut off. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            timer.shutdownNow();
            server = null;
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        RequestDeadlines.Deadline deadline = deadlines.attach(exchange);
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/api/webhook" -> webhook(exchange, deadline);
                case "/metrics" -> metrics(exchange, deadline);
                case "/healthz" -> health(exchange, deadline);
                default -> answer(exchange, deadline, 404,
                        "not found: the controller serves /api/webhook, /metrics and /healthz\n");
            }
        } catch (RuntimeException e) {
            LOG.warn("controller HTTP request failed: {}", e.toString());
        } catch (IOException e) {
            if (!deadline.passed()) {
                throw e;
            }
            LOG.debug("controller HTTP request cut off at its deadline: {}", e.toString());
        }
    }

    private void webhook(HttpExchange exchange, RequestDeadlines.Deadline deadline) throws IOException {
        if (settings.webhooks.isEmpty()) {
            answer(exchange, deadline, 404, "webhooks are not enabled on this controller\n");
            return;
        }
        WebhookHandler handler = settings.webhooks.get();
        if (!exchange.getRequestMethod().equals("POST")) {
            answer(exchange, deadline, 405, "webhooks are POSTed\n");
            return;
        }
        Optional<byte[]> body = PayloadReader.read(exchange, handler.maxPayloadBytes());
        if (body.isEmpty()) {
            answer(exchange, deadline, 413, "webhook payload larger than " + handler.maxPayloadBytes() + " bytes refused\n");
            return;
        }
        WebhookResult result = handler.handle(new WebhookRequest(exchange.getRequestMethod(),
                exchange.getRequestHeaders(), body.get()));
        answer(exchange, deadline, result.status(), result.message() + "\n");
    }

    private void metrics(HttpExchange exchange, RequestDeadlines.Deadline deadline) throws IOException {
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            answer(exchange, deadline, 405, "metrics are read with GET\n");
            return;
        }
        if (settings.metrics.isEmpty()) {
            answer(exchange, deadline, 404, "metrics are not enabled on this controller\n");
            return;
        }
        byte[] text = settings.metrics.get().scrape().getBytes(StandardCharsets.UTF_8);
        send(exchange, deadline, 200, "text/plain; version=0.0.4; charset=utf-8", text);
    }

    private void health(HttpExchange exchange, RequestDeadlines.Deadline deadline) throws IOException {
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            answer(exchange, deadline, 405, "health is read with GET\n");
            return;
        }
        Optional<String> problem = settings.health.get();
        answer(exchange, deadline, problem.isEmpty() ? 200 : 503, problem.map(p -> p + "\n").orElse("ok\n"));
    }

    private static void answer(HttpExchange exchange, RequestDeadlines.Deadline deadline, int status, String text)
            throws IOException {
        send(exchange, deadline, status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Answers, unless the deadline passed and 408 went out instead (the response is touched only
     * after the answer is claimed). A 413 closes the connection: the rest of the body is not read.
     */
    private static void send(HttpExchange exchange, RequestDeadlines.Deadline deadline, int status,
            String contentType, byte[] body) throws IOException {
        if (!deadline.answer()) {
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (status == 413) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
    }

    /** Configures a {@link ControllerHttpServer}. */
    public static final class Builder {
        private int port = 8080;
        private InetAddress address = new InetSocketAddress(0).getAddress();
        private int threads = 4;
        private Duration requestDeadline = Duration.ofSeconds(30);
        private Optional<WebhookHandler> webhooks = Optional.empty();
        private Optional<PrometheusMeterRegistry> metrics = Optional.empty();
        private Supplier<Optional<String>> health = Optional::empty;

        private Builder() {
        }

        /**
         * The port (default 8080; 0 for one the system chooses, see {@link #port()}).
         *
         * @param value the port, 0 to 65535
         * @return this builder
         */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, not " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * The address to listen on (default: every address).
         *
         * @param value the address
         * @return this builder
         */
        public Builder address(InetAddress value) {
            this.address = Objects.requireNonNull(value, "address");
            return this;
        }

        /**
         * How many requests are answered at once (default 4); more wait their turn.
         *
         * @param value the number of threads, at least 1
         * @return this builder
         */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be at least 1, not " + value);
            }
            this.threads = value;
            return this;
        }

        /**
         * The longest one request may hold a thread (default 30 s): from reading its request line,
         * through its headers and body, to the end of its answer. A client slower than that gets 408
         * (when no answer was begun) and its connection closed.
         *
         * @param value the deadline, positive
         * @return this builder
         */
        public Builder requestDeadline(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the request deadline must be positive, not " + value);
            }
            this.requestDeadline = value;
            return this;
        }

        /**
         * Serves {@code POST /api/webhook} with this handler (default: 404).
         *
         * @param value the webhook handler
         * @return this builder
         */
        public Builder webhooks(WebhookHandler value) {
            this.webhooks = Optional.of(Objects.requireNonNull(value, "webhooks"));
            return this;
        }

        /**
         * Serves {@code GET /metrics} from this registry (default: 404); give the engine the same registry.
         *
         * @param value the Prometheus registry
         * @return this builder
         */
        public Builder metrics(PrometheusMeterRegistry value) {
            this.metrics = Optional.of(Objects.requireNonNull(value, "metrics"));
            return this;
        }

        /**
         * What {@code GET /healthz} answers: empty for healthy (200 {@code ok}), else the reason (503).
         * Default: healthy.
         *
         * @param value what tells the health, asked at each request
         * @return this builder
         */
        public Builder health(Supplier<Optional<String>> value) {
            this.health = Objects.requireNonNull(value, "health");
            return this;
        }

        /**
         * Builds the server; it listens once {@link ControllerHttpServer#start()} is called.
         *
         * @return the server
         */
        public ControllerHttpServer build() {
            return new ControllerHttpServer(this);
        }
    }
}
