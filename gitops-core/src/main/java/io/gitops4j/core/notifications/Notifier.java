package io.gitops4j.core.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.core.appset.gotemplate.TemplateData;
import io.gitops4j.k8s.sync.engine.StepPacer;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Argo CD Notifications for one configuration: given an Application's current state, decides
 * which subscribed triggers fire, sends each notification once per event, and delivers on an
 * executor so the caller never waits for a webhook.
 *
 * <pre>{@code
 * Notifier notifier = Notifier.builder(NotificationsConfigReader.read(cmYaml, secretYaml))
 *         .store(myPersistentStore)
 *         .build();
 * notifier.process(application);   // after every status change; returns at once
 * }</pre>
 *
 * <p>Once per event follows Argo CD: a condition with {@code oncePer} sends once per distinct
 * value of that expression (a {@code nil} value counts as the value {@code <nil>}); a condition
 * without it sends when it becomes true and again only after it has been false. A delivery that
 * still fails after the {@link RetryPolicy} is forgotten, so a later {@code process} tries again;
 * a template error is logged and not retried. Close the notifier to stop the executor it made.
 */
public final class Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final NotificationsConfig config;
    private final NotificationStateStore store;
    private final Executor executor;
    private final Optional<ExecutorService> ownExecutor;
    private final Clock clock;
    private final StepPacer pacer;
    private final RetryPolicy retry;
    private final NotificationDelivery delivery;
    private final List<String> secrets;

    private Notifier(Builder builder) {
        this.config = builder.config;
        this.store = builder.store;
        this.ownExecutor = builder.executor.isPresent() ? Optional.empty()
                : Optional.of(Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "gitops4j-notifications");
                    thread.setDaemon(true);
                    return thread;
                }));
        this.executor = builder.executor.orElseGet(ownExecutor::orElseThrow);
        this.clock = builder.clock;
        this.pacer = builder.pacer.orElseGet(() -> StepPacer.sleeping(builder.clock));
        this.retry = builder.retry;
        HttpClient client = builder.httpClient.orElseGet(() -> HttpClient.newBuilder().connectTimeout(builder.timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build());
        this.delivery = new NotificationDelivery(client, builder.timeout);
        this.secrets = config.secrets();
    }

    /**
     * A builder over a configuration.
     *
     * @param config the triggers, templates, services and default subscriptions
     * @return a new builder
     */
    public static Builder builder(NotificationsConfig config) {
        return new Builder(config);
    }

    /**
     * Evaluates the Application's subscriptions and hands every notification due to the executor.
     * Never throws for a condition that fails to evaluate (it is logged, naming the trigger) and
     * never waits for delivery.
     *
     * @param application the Application as Argo CD shapes it ({@code metadata}, {@code spec}, {@code status})
     * @return the notifications scheduled by this call, empty when nothing is due
     */
    public List<Notification> process(JsonNode application) {
        JsonNode metadata = application.path("metadata");
        String name = metadata.path("namespace").asText("") + "/" + metadata.path("name").asText("");
        String appKey = name + "/" + metadata.path("uid").asText("");
        List<Notification> scheduled = new ArrayList<>();
        Object appData = null;
        for (Subscription subscription : Subscription.of(application, config.defaultTriggers())) {
            Trigger trigger = config.triggers().get(subscription.trigger());
            NotificationServiceConfig service = config.services().get(subscription.service());
            if (trigger == null || service == null) {
                LOG.warn("application {} subscribes to {} trigger '{}' through {} service '{}'; argocd-notifications-cm does not define it",
                        name, trigger == null ? "unknown" : "the", subscription.trigger(), service == null ? "unknown" : "the",
                        subscription.service());
                continue;
            }
            for (int index = 0; index < trigger.conditions().size(); index++) {
                Trigger.Condition condition = trigger.conditions().get(index);
                Optional<Boolean> fired = fired(condition, application, name, trigger.name());
                if (fired.isEmpty()) {
                    continue;
                }
                String event = condition.oncePer().map(expression -> oncePer(expression, application, name)).orElse("");
                String key = event + ":" + trigger.name() + ":[" + index + "]" + String.join(",", condition.send()) + ":"
                        + subscription.service() + ":" + subscription.recipient();
                if (!fired.get()) {
                    if (event.isEmpty()) {
                        store.forget(appKey, key);
                    }
                    continue;
                }
                if (!store.markNotified(appKey, key)) {
                    continue;
                }
                if (appData == null) {
                    appData = TemplateData.fromJson(application);
                }
                for (String template : condition.send()) {
                    Notification notification = new Notification(name, trigger.name(), template, subscription.service(),
                            subscription.recipient(), event);
                    if (schedule(notification, service, appData, appKey, key)) {
                        scheduled.add(notification);
                    }
                }
            }
        }
        return List.copyOf(scheduled);
    }

    private Optional<Boolean> fired(Trigger.Condition condition, JsonNode application, String name, String trigger) {
        try {
            return Optional.of(condition.when().test(application, clock));
        } catch (NotificationException e) {
            LOG.warn("application {}: {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    private String oncePer(TriggerExpression expression, JsonNode application, String name) {
        try {
            Object value = expression.evaluate(application, clock);
            return value == null ? "<nil>" : String.valueOf(value);
        } catch (NotificationException e) {
            LOG.warn("application {}: oncePer: {}", name, e.getMessage());
            return "<nil>";
        }
    }

    private boolean schedule(Notification notification, NotificationServiceConfig service, Object appData, String appKey, String key) {
        NotificationTemplate template = config.templates().get(notification.template());
        try {
            executor.execute(() -> deliver(notification, service, template, appData, appKey, key));
            return true;
        } catch (RejectedExecutionException e) {
            store.forget(appKey, key);
            LOG.warn("notification {} of {} not scheduled: the delivery executor refused it", notification.template(), notification.application());
            return false;
        }
    }

    private void deliver(Notification notification, NotificationServiceConfig service, NotificationTemplate template, Object appData,
            String appKey, String key) {
        String what = "notification '" + notification.template() + "' of trigger '" + notification.trigger() + "' for application "
                + notification.application() + " to " + notification.service()
                + (notification.recipient().isEmpty() ? "" : ":" + notification.recipient());
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            try {
                if (delivery.send(service, template, appData, config.context(), notification.recipient())) {
                    LOG.info("sent {}", what);
                } else {
                    LOG.debug("{} skipped: template has no webhook.{} section", what, notification.service());
                }
                return;
            } catch (NotificationException e) {
                LOG.error("{} not sent: {}", what, redact(e.getMessage()));
                return;
            } catch (InterruptedException e) {
                store.forget(appKey, key);
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                String reason = redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                if (attempt == retry.maxAttempts()) {
                    store.forget(appKey, key);
                    LOG.warn("{} failed after {} attempts ({}); it is sent again at the next evaluation that finds it due", what, attempt, reason);
                    return;
                }
                Duration backoff = retry.backoffAfter(attempt);
                LOG.warn("{} failed (attempt {} of {}: {}); retrying in {}", what, attempt, retry.maxAttempts(), reason, backoff);
                try {
                    pacer.waitUntil(clock.instant().plus(backoff));
                } catch (InterruptedException interrupted) {
                    store.forget(appKey, key);
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private String redact(String text) {
        return io.gitops4j.kube.Redaction.text(text, secrets);
    }

    /** Stops the executor this notifier made (not one the embedder supplied); pending deliveries are dropped. */
    @Override
    public void close() {
        ownExecutor.ifPresent(ExecutorService::shutdownNow);
    }

    /** Options of a {@link Notifier}; every one has a default. */
    public static final class Builder {
        private final NotificationsConfig config;
        private NotificationStateStore store = NotificationStateStore.inMemory();
        private Optional<Executor> executor = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private Optional<StepPacer> pacer = Optional.empty();
        private RetryPolicy retry = RetryPolicy.defaults();
        private Optional<HttpClient> httpClient = Optional.empty();
        private Duration timeout = Duration.ofSeconds(10);

        private Builder(NotificationsConfig config) {
            this.config = config;
        }

        /**
         * Where sent notifications are remembered; in memory by default.
         *
         * @param value the store
         * @return this builder
         */
        public Builder store(NotificationStateStore value) {
            this.store = value;
            return this;
        }

        /**
         * Where deliveries run; by default one daemon thread of the notifier's own.
         *
         * @param value the executor deliveries run on
         * @return this builder
         */
        public Builder executor(Executor value) {
            this.executor = Optional.of(value);
            return this;
        }

        /**
         * The clock of {@code time.Now()} and of retry waits; UTC system clock by default.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * How retries wait; sleeping on the clock by default.
         *
         * @param value the pacer
         * @return this builder
         */
        public Builder pacer(StepPacer value) {
            this.pacer = Optional.of(value);
            return this;
        }

        /**
         * How failed deliveries are retried; {@link RetryPolicy#defaults()} by default.
         *
         * @param value the retry policy
         * @return this builder
         */
        public Builder retry(RetryPolicy value) {
            this.retry = value;
            return this;
        }

        /**
         * The HTTP client; by default one with the connect timeout and no redirects.
         *
         * @param value the HTTP client
         * @return this builder
         */
        public Builder httpClient(HttpClient value) {
            this.httpClient = Optional.of(value);
            return this;
        }

        /**
         * The timeout of one HTTP request (and of connecting); 10 s by default.
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder timeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("notification timeout must be positive");
            }
            this.timeout = value;
            return this;
        }

        /** {@return the notifier, with the settings given} */
        public Notifier build() {
            return new Notifier(this);
        }
    }
}
