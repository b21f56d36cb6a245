package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that answers at once and then trickles its body, one piece per ten seconds of the test's
 * clock, cannot hold a chart download past its deadline; nor can one that stops sending.
 */
class DownloadDeadlineTest {

    private static final String INDEX = "apiVersion: v1\nentries:\n  web:\n  - version: 1.0.0\n    urls: [web-1.0.0.tgz]\n";

    private static final int PIECES = 100_000;

    private final StepClock clock = new StepClock();
    private final AtomicInteger trickled = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private String url;

    @TempDir
    Path cache;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/charts/index.yaml", exchange -> {
            byte[] body = INDEX.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            // 100 MB in 1 KiB pieces: more than the sockets' buffers hold, so only a client that
            // hangs up stops the server before the end
            byte[] piece = new byte[1024];
            exchange.sendResponseHeaders(200, (long) PIECES * piece.length);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < PIECES; i++) {
                    out.write(piece);
                    out.flush();
                    trickled.incrementAndGet();
                    clock.advance(Duration.ofSeconds(10));
                }
            } catch (IOException e) {
                // the client hung up, as it should
            } finally {
                exchange.close();
            }
        });
        server.createContext("/stalled/", exchange -> {
            exchange.sendResponseHeaders(200, 1_000);
            exchange.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void aTricklingChartArchiveIsCutOffAtTheDeadlineWithTheUrlAndWhatToDo() {
        DownloadDeadline deadline = new DownloadDeadline(Duration.ofMinutes(2), clock);
        HelmChartRepository repository = new HelmChartRepository(cache, Duration.ofSeconds(5), 10_000_000,
                OciChartRegistry.builder(cache.resolve("oci")).build(), deadline);
        String withToken = url.replace("http://", "http://alice:s3cr3t@") + "charts/";

        assertThatThrownBy(() -> repository.fetch(withToken, "web", "1.0.0"))
                .isInstanceOf(HelmException.class)
                .hasMessage("downloading web 1.0.0 from " + url.replace("http://", "http://***@")
                        + "charts/web-1.0.0.tgz did not finish within 120 s (the server sends too slowly, or stopped "
                        + "sending); try again later, or raise the download deadline (Renderer.Builder.downloadDeadline)");
        assertThat(trickled.get()).as("the client hung up").isLessThan(PIECES);
    }

    @Test
    void aTricklingRegistryAnswerIsCutOffAtTheDeadline() {
        RegistryHttp http = new RegistryHttp(Duration.ofSeconds(5), true, new DownloadDeadline(Duration.ofMinutes(2), clock));

        assertThatThrownBy(() -> http.get(url + "v2/web/blobs/sha256:00", "*/*", 10_000_000, "Basic c2VjcmV0",
                "chart web:1.0.0"))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("downloading chart web:1.0.0 from " + url + "v2/web/blobs/sha256:00 did not "
                        + "finish within 120 s")
                .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void aServerThatStopsSendingIsCutOffToo() {
        HelmChartRepository repository = new HelmChartRepository(cache, Duration.ofSeconds(5), 10_000_000,
                OciChartRegistry.builder(cache.resolve("oci")).build(), DownloadDeadline.of(Duration.ofMillis(300)));

        assertThatThrownBy(() -> repository.fetch(url + "stalled/", "web", ""))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("downloading index.yaml from " + url + "stalled/index.yaml did not finish within");
    }

    @Test
    void aDownloadWithinTheDeadlineIsUnchanged() {
        HelmChartRepository repository = new HelmChartRepository(cache, Duration.ofSeconds(5), 10_000_000,
                OciChartRegistry.builder(cache.resolve("oci")).build(), new DownloadDeadline(Duration.ofMinutes(2), clock));

        assertThatThrownBy(() -> repository.fetch(url + "charts/", "nope", ""))
                .isInstanceOf(HelmException.class)
                .hasMessage("chart 'nope' not found in " + url + "charts/index.yaml");
        assertThatThrownBy(() -> new DownloadDeadline(Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A clock the trickling server moves on as it sends. */
    private static final class StepClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

        void advance(Duration step) {
            now.updateAndGet(t -> t.plus(step));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
