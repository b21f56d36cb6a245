package io.gitops4j.fake.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.fake.internal.FakeApi;
import io.gitops4j.fake.internal.ServedType;
import io.gitops4j.fake.internal.protobuf.ProtobufCodec;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake API server's one HTTP handler: discovery, health and version endpoints, and every
 * resource path, with failures answered as Kubernetes {@code Status} objects.
 */
public final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final FakeApi api;
    private final Discovery discovery;
    private final OpenApiV3 openApi;
    private final WatchStreams watches;
    private final ResourceRequests resources;
    private final ProtobufCodec protobuf = new ProtobufCodec();
    private final String serverAddress;

    /** @param serverAddress the host:port clients reach the server at */
    public ApiHandler(FakeApi api, String serverAddress) {
        this.api = api;
        this.discovery = new Discovery(api);
        this.openApi = new OpenApiV3(api);
        this.watches = new WatchStreams(api);
        this.resources = new ResourceRequests(api, watches, protobuf);
        this.serverAddress = serverAddress;
    }

    /** Ends every watch stream, so the server can stop. */
    public void closeWatches() {
        watches.closeAll();
    }

    @Override
    public void handle(HttpExchange http) {
        Exchange exchange = new Exchange(http, protobuf);
        try {
            route(exchange);
        } catch (ClusterException e) {
            LOG.debug("{} {}: {} {}", exchange.method(), exchange.path(), e.code(), e.getMessage());
            respondQuietly(exchange, e);
        } catch (IOException e) {
            LOG.debug("{} {}: the client went away: {}", exchange.method(), exchange.path(), e.toString());
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", exchange.method(), exchange.path(), e);
            respondQuietly(exchange, new ClusterException(500, "InternalError", "the fake cluster failed: " + e,
                    Optional.empty()));
        } finally {
            exchange.close();
        }
    }

    private void route(Exchange exchange) throws IOException {
        if (exchange.header("Upgrade").equalsIgnoreCase("websocket")) {
            // Refused without switching protocols: fabric8 then watches over plain HTTP streaming.
            exchange.respond(200, Statuses.failure(400, new ClusterException(400, "BadRequest",
                    "the fake cluster serves watches over HTTP streaming, not WebSocket", Optional.empty())));
            return;
        }
        String path = exchange.path().replaceAll("/+$", "");
        switch (path) {
            case "/api" -> exchange.respond(200, discovery.coreVersions(serverAddress));
            case "/apis" -> exchange.respond(200, discovery.groups());
            case "/version" -> exchange.respond(200, Discovery.version());
            case "/healthz", "/livez", "/readyz" -> exchange.respondText(200, "ok");
            case "/openapi/v3" -> exchange.respond(200, openApi.root());
            default -> routeApi(exchange, path);
        }
    }

    private void routeApi(Exchange exchange, String path) throws IOException {
        if (path.startsWith("/openapi/v3/")) {
            exchange.respond(200, openApi.groupVersion(path.substring("/openapi/v3/".length()))
                    .orElseThrow(ApiHandler::notFound));
            return;
        }
        String[] segments = path.split("/");
        if (segments.length == 3 && segments[1].equals("apis")) {
            exchange.respond(200, discovery.group(segments[2], true).orElseThrow(ApiHandler::notFound));
            return;
        }
        ResourcePath resource = ResourcePath.parse(path).orElseThrow(ApiHandler::notFound);
        if (resource.isDiscovery()) {
            exchange.respond(200, discovery.resources(resource.group(), resource.version())
                    .orElseThrow(ApiHandler::notFound));
            return;
        }
        ServedType served = api.servedTypeByResource(resource.group(), resource.version(), resource.resource())
                .orElseThrow(ApiHandler::notFound);
        resources.handle(exchange, resource, served.type());
    }

    private static ClusterException notFound() {
        return new ClusterException(404, "NotFound", "the server could not find the requested resource",
                Optional.empty());
    }

    private static void respondQuietly(Exchange exchange, ClusterException error) {
        try {
            exchange.respondError(error);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not answer {} {}: {}", exchange.method(), exchange.path(), e.toString());
        }
    }
}
