package io.gitops4j.fake.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.Watch;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.cluster.WatchListener;
import io.gitops4j.fake.internal.FakeApi;
import io.gitops4j.fake.internal.WatchHub;
import io.gitops4j.kube.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Watches served over HTTP as a Kubernetes API server streams them: a chunked response with one
 * JSON event per line, an {@code ERROR} event carrying a {@code Status} when the watch cannot go
 * on (410 Expired), the end of the stream when the watch is dropped or times out
 * ({@code timeoutSeconds}), {@code BOOKMARK} events every 30 seconds of silence when the client
 * allows them, and for watch lists ({@code sendInitialEvents=true}) the ADDED events of what
 * exists followed by the bookmark annotated {@code k8s.io/initial-events-end}. Each stream occupies one server thread until it ends.
 */
final class WatchStreams {

    private static final Duration BOOKMARK_INTERVAL = Duration.ofSeconds(30);
    private static final Item SERVER_CLOSING = new Item(null, null, null);

    private final FakeApi api;
    private final Set<BlockingQueue<Item>> open = ConcurrentHashMap.newKeySet();

    WatchStreams(FakeApi api) {
        this.api = api;
    }

    /** Streams a watch until it ends, the client goes away or the server closes. */
    void serve(Exchange exchange, ResourceType type, ListOptions options, String resourceVersion,
            Optional<UnaryOperator<ObjectNode>> asTable) throws IOException {
        BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
        boolean sendInitialEvents = exchange.query("sendInitialEvents").equals("true");
        Watch watch;
        try {
            watch = sendInitialEvents
                    ? api.watch(type, options, "", new InitialEventsForwarder(queue))
                    : api.watch(type, options, resourceVersion, new Forwarder(queue));
        } catch (ClusterException e) {
            if (e.code() != 410) {
                throw e;
            }
            try (OutputStream out = exchange.startStream("application/json")) {
                writeError(out, e);
            }
            return;
        }
        open.add(queue);
        long timeoutSeconds = parseTimeout(exchange.query("timeoutSeconds"));
        boolean bookmarks = exchange.query("allowWatchBookmarks").equals("true");
        try (OutputStream out = exchange.startStream("application/json")) {
            stream(out, queue, type, timeoutSeconds, bookmarks, asTable.orElse(UnaryOperator.identity()));
        } catch (IOException e) {
            // the client went away: nothing to answer
        } finally {
            open.remove(queue);
            watch.close();
            exchange.close();
        }
    }

    /** Ends every open stream; called when the server stops. */
    void closeAll() {
        open.forEach(queue -> queue.add(SERVER_CLOSING));
    }

    private void stream(OutputStream out, BlockingQueue<Item> queue, ResourceType type, long timeoutSeconds,
            boolean bookmarks, UnaryOperator<ObjectNode> render) throws IOException {
        long deadline = timeoutSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds) : Long.MAX_VALUE;
        long lastWrite = System.nanoTime();
        out.flush();
        while (true) {
            long wait = Math.min(deadline - System.nanoTime(), BOOKMARK_INTERVAL.toNanos());
            if (wait <= 0) {
                return;
            }
            Item item;
            try {
                item = queue.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (item == SERVER_CLOSING) {
                return;
            }
            if (item == null) {
                if (bookmarks && System.nanoTime() - lastWrite >= BOOKMARK_INTERVAL.toNanos()) {
                    writeLine(out, bookmark(type, api.resourceVersion(), false));
                    lastWrite = System.nanoTime();
                }
                continue;
            }
            if (item.initialEventsEnd != null) {
                writeLine(out, bookmark(type, item.initialEventsEnd, true));
                continue;
            }
            if (item.end != null) {
                if (item.end.code() == 410 || item.end.code() == 404) {
                    writeError(out, item.end);
                }
                return;
            }
            ObjectNode line = Json.object().put("type", item.event.type().name());
            line.set("object", render.apply(item.event.object()));
            writeLine(out, line);
            lastWrite = System.nanoTime();
        }
    }

    /** A BOOKMARK event; with {@code initialEventsEnd}, the one ending the initial events of a watch list. */
    private static ObjectNode bookmark(ResourceType type, String resourceVersion, boolean initialEventsEnd) {
        ObjectNode object = Json.object().put("kind", type.kind()).put("apiVersion", type.apiVersion());
        ObjectNode metadata = object.putObject("metadata").put("resourceVersion", resourceVersion);
        if (initialEventsEnd) {
            metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
        }
        ObjectNode line = Json.object().put("type", "BOOKMARK");
        line.set("object", object);
        return line;
    }

    private static void writeError(OutputStream out, ClusterException error) throws IOException {
        ObjectNode line = Json.object().put("type", "ERROR");
        line.set("object", Statuses.failure(error.code(), error));
        writeLine(out, line);
    }

    private static void writeLine(OutputStream out, ObjectNode line) throws IOException {
        out.write((Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static long parseTimeout(String value) {
        try {
            return value.isEmpty() ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One thing to write: an event, the end of the watch, or the end of its initial events. */
    private record Item(WatchEvent event, ClusterException end, String initialEventsEnd) {
    }

    private static class Forwarder implements WatchListener {

        final BlockingQueue<Item> queue;

        Forwarder(BlockingQueue<Item> queue) {
            this.queue = queue;
        }

        @Override
        public void onEvent(WatchEvent event) {
            queue.add(new Item(event, null, null));
        }

        @Override
        public void onClose(ClusterException reason) {
            queue.add(new Item(null, reason, null));
        }
    }

    /** For {@code sendInitialEvents=true} (watch lists): also marks the end of the initial events. */
    private static final class InitialEventsForwarder extends Forwarder implements WatchHub.InitialEventsListener {

        InitialEventsForwarder(BlockingQueue<Item> queue) {
            super(queue);
        }

        @Override
        public void onInitialEventsEnd(long revision) {
            queue.add(new Item(null, null, Long.toString(revision)));
        }
    }
}
