package io.gitops4j.render.helm;

import io.gitops4j.kube.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP GET whose whole answer is bounded in bytes and in time: the body of a 200 is collected
 * up to a byte limit, and the exchange (connect, headers, body) must end before a
 * {@link DownloadDeadline}. The deadline is checked on the deadline's clock as each piece of the
 * body arrives, and the wait for the answer ends at it as well, so a server that stops sending
 * altogether is cut off too. Bodies of other statuses are not read.
 */
final class BoundedDownload {

    private BoundedDownload() {
    }

    /**
     * Sends {@code request} and waits for its whole answer.
     *
     * @param what what is downloaded, for messages ({@code index.yaml}, {@code chart web 1.2.3})
     * @param url the URL for messages, credentials already removed
     * @return the answer; its body is empty unless the status is 200
     * @throws HelmException when the body passes {@code max} bytes or the deadline passes
     * @throws IOException when the transport fails
     * @throws InterruptedException when the waiting thread is interrupted
     */
    static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, long max, Instant deadline,
            DownloadDeadline limit, String what, String url) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request,
                info -> info.statusCode() == 200 ? new Collector(max, deadline, limit, what, url) : new Refusal());
        long wait = Math.max(0, Duration.between(limit.clock().instant(), deadline).toMillis());
        try {
            return answer.get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw late(limit, what, url);
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof HelmException helm) {
                    throw helm;
                }
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause() == null ? e : e.getCause());
        }
    }

    /** The deadline of a download that starts now. */
    static Instant deadline(DownloadDeadline limit) {
        return limit.clock().instant().plus(limit.total());
    }

    /**
     * Why a download failed: the first message in the cause chain, else the kind of failure (the
     * JDK's HTTP client often gives none).
     */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return failure instanceof java.net.ConnectException ? "cannot connect (refused, or the host is unknown)"
                : failure.getClass().getSimpleName();
    }

    private static HelmException late(DownloadDeadline limit, String what, String url) {
        return new HelmException("downloading " + what + " from " + Redaction.text(url) + " did not finish within "
                + limit.total().toSeconds() + " s (the server sends too slowly, or stopped sending); try again later, "
                + "or raise the download deadline (Renderer.Builder.downloadDeadline)");
    }

    /** Collects a 200's body while it stays under the byte limit and the deadline. */
    private static final class Collector implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final Instant deadline;
        private final DownloadDeadline limit;
        private final String what;
        private final String url;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Collector(long max, Instant deadline, DownloadDeadline limit, String what, String url) {
            this.max = max;
            this.deadline = deadline;
            this.limit = limit;
            this.what = what;
            this.url = url;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription value) {
            this.subscription = value;
            value.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                long size = (long) body.size() + item.remaining();
                if (size > max) {
                    fail(new HelmException(what + " from " + Redaction.text(url) + " is larger than " + max
                            + " bytes; refusing it"));
                    return;
                }
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                body.write(bytes, 0, bytes.length);
            }
            if (limit.clock().instant().isAfter(deadline)) {
                fail(late(limit, what, url));
                return;
            }
            subscription.request(1);
        }

        private void fail(HelmException failure) {
            result.completeExceptionally(failure);
            subscription.cancel();
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(body.toByteArray());
        }
    }

    /** Does not read the body of an answer that is not a 200. */
    private static final class Refusal implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
            result.complete(new byte[0]);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            // cancelled: nothing more arrives
        }

        @Override
        public void onError(Throwable failure) {
            result.complete(new byte[0]);
        }

        @Override
        public void onComplete() {
            result.complete(new byte[0]);
        }
    }
}
