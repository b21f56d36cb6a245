package io.gitops4j.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.webhook.WebhookHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that send too slowly, over raw sockets: one that trickles its body a byte at a time,
 * one that never finishes its headers, one that trickles a body already refused as too large. Each
 * gets its connection closed at the request deadline (with 408 where no answer was begun), and the
 * server's other threads answer meanwhile. The trickling client paces itself by waiting for an
 * answer between bytes, never by sleeping.
 */
class SlowClientTest {

    private static final Duration DEADLINE = Duration.ofMillis(300);
    /** Bytes a trickling client sends at most (about 20 s at one byte per 20 ms); the server must cut it off first. */
    private static final int MAX_TRICKLE = 1000;

    private final List<String> refreshed = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ControllerHttpServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aClientTricklingItsBodyGets408AndItsConnectionClosedWhileAnotherThreadServes() throws Exception {
        start(2, 1024 * 1024);
        try (Socket slow = connect()) {
            send(slow, "POST /api/webhook HTTP/1.1\r\nHost: controller\r\nX-GitHub-Event: push\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
            assertThat(get("/healthz").statusCode()).as("the other thread answers while one is held").isEqualTo(200);

            Outcome outcome = trickle(slow);

            assertThat(outcome.closed()).as("the server closed the connection; sent " + outcome.sent() + " bytes")
                    .isTrue();
            assertThat(outcome.response()).startsWith("HTTP/1.1 408").contains("Connection: close");
        }
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(refreshed).as("nothing refreshed from a body never received").isEmpty();
    }

    @Test
    void aClientThatNeverFinishesItsHeadersLosesItsConnection() throws Exception {
        start(1, 1024 * 1024);
        try (Socket slow = connect()) {
            send(slow, "POST /api/webhook HTTP/1.1\r\nHost: controller\r\nX-Slow: ");

            Outcome outcome = trickle(slow);

            assertThat(outcome.closed()).as("the server closed the connection; sent " + outcome.sent() + " bytes")
                    .isTrue();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(get("/healthz").statusCode()).as("the one thread serves again, not left interrupted")
                    .isEqualTo(200);
        }
    }

    @Test
    void aClientTricklingABodyRefusedAsTooLargeIsCutOffAfterIts413() throws Exception {
        start(1, 16);
        try (Socket slow = connect()) {
            send(slow, "POST /api/webhook HTTP/1.1\r\nHost: controller\r\nX-GitHub-Event: push\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");

            Outcome outcome = trickle(slow);

            assertThat(outcome.response()).startsWith("HTTP/1.1 413");
            assertThat(outcome.closed()).as("the server closed the connection; sent " + outcome.sent() + " bytes")
                    .isTrue();
        }
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientThatSendsInTimeIsAnswered() throws Exception {
        start(1, 1024 * 1024);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/webhook"))
                .header("X-GitHub-Event", "ping").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isLessThan(300);
    }

    /** What a trickling client saw: the answer, whether the server closed the connection, how much it sent. */
    record Outcome(String response, boolean closed, int sent) {
    }

    /**
     * Sends one byte, then waits up to 20 ms for an answer, again and again; once answer bytes come,
     * stops sending and reads until the server closes the connection.
     */
    private static Outcome trickle(Socket socket) throws IOException {
        socket.setSoTimeout(20);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int sent = 0;
        for (int round = 0; round < MAX_TRICKLE; round++) {
            if (response.size() == 0) {
                try {
                    out.write('a');
                    out.flush();
                    sent++;
                } catch (SocketException e) {
                    // the server closed its side: what it answered is still to read
                }
            }
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return new Outcome(response.toString(StandardCharsets.ISO_8859_1), true, sent);
                }
                response.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                // nothing yet: send the next byte
            } catch (SocketException e) {
                return new Outcome(response.toString(StandardCharsets.ISO_8859_1), true, sent);
            }
        }
        return new Outcome(response.toString(StandardCharsets.ISO_8859_1), false, sent);
    }

    private void start(int threads, long maxPayloadBytes) {
        server = ControllerHttpServer.builder().port(0).address(InetAddress.getLoopbackAddress()).threads(threads)
                .requestDeadline(DEADLINE).webhooks(WebhookHandler.builder((repoURL, revision) -> {
                    refreshed.add(repoURL);
                    return 1;
                }).maxPayloadBytes(maxPayloadBytes).build()).build().start();
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), server.port());
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
