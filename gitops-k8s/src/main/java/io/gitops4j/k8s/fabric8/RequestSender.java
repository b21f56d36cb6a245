package io.gitops4j.k8s.fabric8;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request to the API server through the client's HTTP client (its authentication,
 * TLS, proxy and connect timeout) and waits for the whole answer at most the client's request
 * timeout ({@code requestTimeout}, fabric8's default 10 s; 0 for no limit).
 *
 * <p>Retries what may pass on its own, as fabric8 does: an answer 429 or 5xx (after
 * {@code Retry-After} when the server says so and that is no longer than the request timeout;
 * a longer wait is left to the caller, whose {@code ClusterException} carries it) and, for reads,
 * a connection that dropped; at most {@code requestRetryBackoffLimit} times (fabric8's default
 * 10; a negative limit counts as the default), waiting {@code requestRetryBackoffInterval}
 * doubled each time, at most 32 times that. Unlike fabric8's own retries, a refused connection,
 * an unknown host, a failed TLS handshake and a request that got no answer in time are not
 * retried: kubectl fails on them at once, and so does this, naming the server's address.
 */
final class RequestSender {

    private static final int MAX_BACKOFF_EXPONENT = 5;

    private final HttpClient http;
    private final Duration requestTimeout;
    private final int retryLimit;
    private final Duration retryInterval;
    private final TransportFailures failures;

    RequestSender(KubernetesClient client) {
        Config config = client.getConfiguration();
        this.requestTimeout = millis(config.getRequestTimeout());
        Integer limit = config.getRequestRetryBackoffLimit();
        this.retryLimit = limit == null || limit < 0 ? Config.DEFAULT_REQUEST_RETRY_BACKOFFLIMIT : limit;
        Integer interval = config.getRequestRetryBackoffInterval();
        this.retryInterval = Duration.ofMillis(interval == null || interval < 0
                ? Config.DEFAULT_REQUEST_RETRY_BACKOFFINTERVAL : interval);
        this.failures = new TransportFailures(client.getMasterUrl().toString(), millis(config.getConnectionTimeout()),
                requestTimeout);
        // The same connections, authentication and interceptors, without fabric8's own retries:
        // they would retry a refused connection for about 20 seconds before saying anything.
        this.http = client.getHttpClient().newBuilder().tag(withoutRetries(config.getRequestConfig())).build();
    }

    /** The HTTP client requests go through (the caller's, without fabric8's retries). */
    HttpClient http() {
        return http;
    }

    /** How a failure to reach the server is told. */
    TransportFailures failures() {
        return failures;
    }

    /** The request timeout; zero when there is none. */
    Duration requestTimeout() {
        return requestTimeout;
    }

    /** A request builder for {@code url} that carries the request timeout. */
    HttpRequest.Builder request(String url) {
        HttpRequest.Builder builder = http.newHttpRequestBuilder().uri(url);
        return requestTimeout.isZero() ? builder : builder.timeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Sends {@code request} and returns the server's answer, whatever its status code.
     *
     * @throws io.gitops4j.cluster.ClusterException {@code UNREACHABLE} when no answer came, naming
     *     the server's address, the cause and {@code what} was being done
     */
    HttpResponse<String> send(HttpRequest request, String what) {
        boolean read = "GET".equals(request.method());
        for (int retry = 0; ; retry++) {
            HttpResponse<String> response;
            try {
                response = await(http.sendAsync(request, String.class), what);
            } catch (ExecutionException e) {
                if (read && retry < retryLimit && TransportFailures.isConnectionLost(e.getCause())) {
                    pause(backoff(retry), what);
                    continue;
                }
                throw failures.of(what, e.getCause());
            } catch (IllegalStateException e) {
                throw failures.of(what, e); // the client was closed
            }
            Optional<Duration> wait = retryWait(response, retry);
            if (wait.isEmpty()) {
                return response;
            }
            pause(wait.get(), what);
        }
    }

    private HttpResponse<String> await(CompletableFuture<HttpResponse<String>> answer, String what)
            throws ExecutionException {
        try {
            return requestTimeout.isZero() ? answer.get() : answer.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw failures.interrupted(what, e);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw failures.noAnswer(what, requestTimeout, e);
        }
    }

    /** How long to wait before sending again, or empty to hand the answer back as it is. */
    private Optional<Duration> retryWait(HttpResponse<String> response, int retry) {
        int code = response.code();
        if (retry >= retryLimit || (code != 429 && code < 500)) {
            return Optional.empty();
        }
        Duration backoff = backoff(retry);
        Duration asked = RawRequests.retryAfter(response).orElse(Duration.ZERO);
        Duration wait = asked.compareTo(backoff) > 0 ? asked : backoff;
        return requestTimeout.isZero() || wait.compareTo(requestTimeout) <= 0 ? Optional.of(wait) : Optional.empty();
    }

    private Duration backoff(int retry) {
        return retryInterval.multipliedBy(1L << Math.min(retry, MAX_BACKOFF_EXPONENT));
    }

    private void pause(Duration wait, String what) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failures.interrupted(what, e);
        }
    }

    private static RequestConfig withoutRetries(RequestConfig config) {
        RequestConfig copy = new RequestConfig(config.getWatchReconnectLimit(), config.getWatchReconnectInterval(),
                config.getRequestTimeout(), config.getScaleTimeout(), config.getLoggingInterval(), 0,
                config.getRequestRetryBackoffInterval(), config.getUploadRequestTimeout());
        copy.setImpersonateUsername(config.getImpersonateUsername());
        copy.setImpersonateGroups(config.getImpersonateGroups());
        copy.setImpersonateExtras(config.getImpersonateExtras());
        return copy;
    }

    private static Duration millis(Integer value) {
        return value == null || value <= 0 ? Duration.ZERO : Duration.ofMillis(value);
    }
}
