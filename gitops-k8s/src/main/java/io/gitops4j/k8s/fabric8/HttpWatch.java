package io.gitops4j.k8s.fabric8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.Watch;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.cluster.WatchListener;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.ManifestException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch over one streaming HTTP request ({@code ?watch=true}, one JSON event a line), as
 * kubectl watches. Its start is bounded: the server must answer within the request timeout
 * (fabric8's default 10 s when the client has none), else {@link #start} fails naming the
 * server's address. Once open it lasts as long as the server keeps it. When it ends (the server
 * closed it, the connection dropped, an {@code ERROR} event such as 410 Expired) the listener
 * hears {@link WatchListener#onClose} once and the caller decides whether to watch again: there
 * are no hidden reconnects. Events reach the listener in order on a thread of the watch's own,
 * never on the HTTP client's I/O thread, so a listener may call the cluster.
 */
final class HttpWatch implements Watch {

    private static final Logger LOG = LoggerFactory.getLogger(HttpWatch.class);

    private final ResourceType type;
    private final WatchListener listener;
    private final RawRequests raw;
    private final TransportFailures failures;
    private final ExecutorService delivery;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private volatile CompletableFuture<HttpResponse<AsyncBody>> answer;
    private volatile boolean streaming;
    private volatile boolean ended;

    private HttpWatch(ResourceType type, WatchListener listener, RawRequests raw, TransportFailures failures) {
        this.type = type;
        this.listener = listener;
        this.raw = raw;
        this.failures = failures;
        this.delivery = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gitops4j-watch-" + type.plural());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens a watch and returns once the server has answered.
     *
     * @throws ClusterException {@code UNREACHABLE} when no answer came in time, naming the
     *     server's address; the server's refusal (410 Expired, 403, ...) when it refused
     */
    static HttpWatch start(RequestSender sender, RawRequests raw, ResourceType type, ListOptions options,
            String resourceVersion, WatchListener listener) {
        List<String> query = new ArrayList<>(List.of("watch=true"));
        if (!resourceVersion.isEmpty()) {
            query.add("resourceVersion=" + RawRequests.encode(resourceVersion));
        }
        HttpRequest request = sender.http().newHttpRequestBuilder().uri(raw.listUrl(type, options, query))
                .forStreaming().build();
        Duration bound = sender.requestTimeout().isZero() ? Duration.ofMillis(Config.DEFAULT_REQUEST_TIMEOUT)
                : sender.requestTimeout();
        HttpWatch watch = new HttpWatch(type, listener, raw, sender.failures());
        try {
            watch.open(sender, request, bound);
            return watch;
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
    }

    private void open(RequestSender sender, HttpRequest request, Duration bound) {
        String what = "watch " + type;
        answer = sender.http().consumeBytes(request, this::received);
        HttpResponse<AsyncBody> response = await(answer, bound, what);
        AsyncBody body = response.body();
        if (response.code() >= 300) {
            body.consume();
            await(body.done(), bound, what);
            throw raw.failure(response.code(), text(), Optional.empty(), what);
        }
        streaming = true;
        body.done().whenComplete((done, failure) ->
                later(() -> end(failures.watchEnded(type.toString(), Optional.ofNullable(failure)))));
        body.consume();
    }

    private <T> T await(CompletableFuture<T> future, Duration bound, String what) {
        try {
            return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failures.interrupted(what, e);
        } catch (TimeoutException e) {
            throw failures.noAnswer(what, bound, e);
        } catch (ExecutionException e) {
            throw failures.of(what, e.getCause());
        }
    }

    /**
     * Bytes of the answer, on the HTTP client's thread: a refusal's body is kept whole; a stream
     * of events is cut into lines, which the delivery thread hands on before asking for more.
     */
    private void received(List<ByteBuffer> buffers, AsyncBody body) {
        List<String> lines = new ArrayList<>();
        synchronized (line) {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n' && streaming) {
                        lines.add(text());
                    } else {
                        line.write(b);
                    }
                }
            }
        }
        if (!streaming) {
            body.consume();
            return;
        }
        later(() -> {
            lines.forEach(this::deliver);
            if (!ended) {
                body.consume();
            }
        });
    }

    /** Runs {@code work} on the delivery thread, unless the watch has ended. */
    private void later(Runnable work) {
        if (ended) {
            return;
        }
        try {
            delivery.execute(work);
        } catch (RejectedExecutionException endedMeanwhile) {
            // The watch ended between the check and now: nothing is delivered after its end.
        }
    }

    /** The bytes since the last line break, as text; the buffer starts over. */
    private String text() {
        synchronized (line) {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            return text;
        }
    }

    private void deliver(String text) {
        if (ended || text.isBlank()) {
            return;
        }
        ObjectNode event;
        try {
            event = Json.parseObject(text, "watch event of " + type);
        } catch (ManifestException e) {
            end(new ClusterException(ClusterException.UNREACHABLE, "the Kubernetes API server at " + failures.address()
                    + " sent a watch event of " + type + " that is not JSON: " + e.getMessage(), e));
            return;
        }
        JsonNode object = event.path("object");
        WatchEvent.Type eventType = switch (event.path("type").asText()) {
            case "ADDED" -> WatchEvent.Type.ADDED;
            case "MODIFIED" -> WatchEvent.Type.MODIFIED;
            case "DELETED" -> WatchEvent.Type.DELETED;
            case "ERROR" -> {
                end(raw.failure(object.path("code").asInt(500), Json.write(object), Optional.empty(), "watch " + type));
                yield null;
            }
            default -> null; // BOOKMARK, or a type a newer server knows
        };
        if (eventType != null && object.isObject()) {
            ObjectNode changed = ((ObjectNode) object).put("apiVersion", type.apiVersion()).put("kind", type.kind());
            try {
                listener.onEvent(new WatchEvent(eventType, changed));
            } catch (RuntimeException e) {
                LOG.warn("a listener of the watch of {} failed on an event", type, e);
            }
        }
    }

    /** The watch ended for {@code reason}: the listener hears it once, unless its owner closed it. */
    private void end(ClusterException reason) {
        if (ended) {
            return;
        }
        ended = true;
        stop();
        try {
            listener.onClose(reason);
        } catch (RuntimeException e) {
            LOG.warn("a listener of the watch of {} failed when it closed", type, e);
        }
    }

    @Override
    public void close() {
        ended = true;
        stop();
    }

    private void stop() {
        CompletableFuture<HttpResponse<AsyncBody>> started = answer;
        if (started != null) {
            started.cancel(true);
            // Cancelling resets the request; once the answer has ended, its connection may
            // already carry another request, which a reset would break.
            started.thenAccept(response -> {
                if (!response.body().done().isDone()) {
                    response.body().cancel();
                }
            });
        }
        delivery.shutdown();
    }
}
