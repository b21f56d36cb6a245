package io.gitops4j.k8s.sync;

import io.gitops4j.kube.ResourceKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one sync does, as an Argo CD sync operation says it: whether to prune, dry run, which
 * resources, how to apply, the sync options, retries and timeouts. Not to be confused with
 * Argo CD's sync options, the {@code Key=Value} entries it carries ({@link SyncOptionList}).
 * The application it syncs, with its namespace, tracking and revision, is the {@link SyncTarget}
 * its {@link Comparison} carries. Immutable; start from {@link #defaults()} and change what you need.
 *
 * <pre>{@code
 * SyncRequest request = SyncRequest.builder().prune(true)
 *         .syncOptions(List.of(SyncOption.CREATE_NAMESPACE.enabled(), SyncOption.PRUNE_LAST.enabled()))
 *         .retry(RetryPolicy.limit(5)).build();
 * }</pre>
 */
public final class SyncRequest {

    /** How long a wave may wait for its resources to become healthy (or its hooks to complete) by default. */
    public static final Duration DEFAULT_WAVE_TIMEOUT = Duration.ofMinutes(5);

    private static final SyncRequest DEFAULTS = builder().build();

    private final boolean prune;
    private final boolean allowEmpty;
    private final boolean dryRun;
    private final ApplyStrategy strategy;
    private final boolean forceConflicts;
    private final SyncOptionList syncOptions;
    private final Set<ResourceKey> resources;
    private final boolean skipHooks;
    private final RetryPolicy retry;
    private final Duration waveTimeout;
    private final Optional<Duration> timeout;

    private SyncRequest(Builder b) {
        this.prune = b.prune;
        this.allowEmpty = b.allowEmpty;
        this.dryRun = b.dryRun;
        this.strategy = b.strategy;
        this.forceConflicts = b.forceConflicts;
        this.syncOptions = b.syncOptions;
        this.resources = Set.copyOf(b.resources);
        this.skipHooks = b.skipHooks;
        this.retry = b.retry;
        this.waveTimeout = b.waveTimeout;
        this.timeout = b.timeout;
    }

    /**
     * Argo CD's defaults: no pruning, no empty syncs, server-side apply, no retries.
     *
     * @return the request
     */
    public static SyncRequest defaults() {
        return DEFAULTS;
    }

    /**
     * Starts a request with Argo CD's defaults (see {@link #defaults()}).
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from this request.
     *
     * @return a builder with this request's settings
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.prune = prune;
        b.allowEmpty = allowEmpty;
        b.dryRun = dryRun;
        b.strategy = strategy;
        b.forceConflicts = forceConflicts;
        b.syncOptions = syncOptions;
        b.resources = resources;
        b.skipHooks = skipHooks;
        b.retry = retry;
        b.waveTimeout = waveTimeout;
        b.timeout = timeout;
        return b;
    }

    /**
     * The same request with pruning on or off.
     *
     * @param enabled whether to prune
     * @return the new request
     */
    public SyncRequest withPrune(boolean enabled) {
        return toBuilder().prune(enabled).build();
    }

    /**
     * Delete live objects tracked as the application's that Git no longer has.
     *
     * @return whether to prune
     */
    public boolean prune() {
        return prune;
    }

    /**
     * Allow pruning when Git holds no objects for the application (hooks do not count).
     *
     * @return whether to allow it
     */
    public boolean allowEmpty() {
        return allowEmpty;
    }

    /**
     * Only dry run (server-side) every change and report what would happen.
     *
     * @return whether it is a dry run
     */
    public boolean dryRun() {
        return dryRun;
    }

    /**
     * How objects are written, unless a sync option says otherwise.
     *
     * @return the strategy, server-side apply by default
     */
    public ApplyStrategy strategy() {
        return strategy;
    }

    /**
     * Server-side apply: take over fields other managers own ({@code --force-conflicts}, as Argo CD does).
     *
     * @return whether to force conflicts, true by default
     */
    public boolean forceConflicts() {
        return forceConflicts;
    }

    /**
     * Argo CD's sync options for this sync, the application's among them (a resource's annotation wins over them).
     *
     * @return the options
     */
    public SyncOptionList syncOptions() {
        return syncOptions;
    }

    /**
     * Selective sync: only these resources, and no hooks; empty for everything.
     *
     * @return the resources, empty for all
     */
    public Set<ResourceKey> resources() {
        return resources;
    }

    /**
     * Argo CD's {@code syncStrategy: {apply: {}}} (a rollback's): every resource is applied in its
     * wave as usual, but no hook runs (gitops-engine's {@code WithSkipHooks}).
     *
     * @return whether hooks are left out, false by default
     */
    public boolean skipHooks() {
        return skipHooks;
    }

    /**
     * How transient failures are retried.
     *
     * @return the policy, no retries by default
     */
    public RetryPolicy retry() {
        return retry;
    }

    /**
     * How long one wave may wait for health or hooks before it fails.
     *
     * @return the timeout, {@link #DEFAULT_WAVE_TIMEOUT} by default
     */
    public Duration waveTimeout() {
        return waveTimeout;
    }

    /**
     * How long the whole sync may take before running tasks fail (SyncFail hooks then get their own wave timeout).
     *
     * @return the timeout, empty for none (the default)
     */
    public Optional<Duration> timeout() {
        return timeout;
    }

    /** Builds {@link SyncRequest}; every setting has a default. */
    public static final class Builder {
        private boolean prune;
        private boolean allowEmpty;
        private boolean dryRun;
        private ApplyStrategy strategy = ApplyStrategy.SERVER_SIDE;
        private boolean forceConflicts = true;
        private SyncOptionList syncOptions = SyncOptionList.EMPTY;
        private Set<ResourceKey> resources = Set.of();
        private boolean skipHooks;
        private RetryPolicy retry = RetryPolicy.NONE;
        private Duration waveTimeout = DEFAULT_WAVE_TIMEOUT;
        private Optional<Duration> timeout = Optional.empty();

        private Builder() {
        }

        /**
         * Whether to delete live objects tracked as the application's that Git no longer has (default: no).
         *
         * @param value whether to prune
         * @return this builder
         */
        public Builder prune(boolean value) {
            this.prune = value;
            return this;
        }

        /**
         * Whether to prune also when Git holds no objects for the application (default: no).
         *
         * @param value whether to allow it
         * @return this builder
         */
        public Builder allowEmpty(boolean value) {
            this.allowEmpty = value;
            return this;
        }

        /**
         * Whether to only dry run every change (default: no).
         *
         * @param value whether it is a dry run
         * @return this builder
         */
        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        /**
         * How objects are written unless a sync option says otherwise (default: server-side apply).
         *
         * @param value the strategy
         * @return this builder
         */
        public Builder strategy(ApplyStrategy value) {
            this.strategy = Objects.requireNonNull(value, "strategy");
            return this;
        }

        /**
         * Whether a server-side apply takes over fields other managers own (default: yes, as Argo CD does).
         *
         * @param value whether to force conflicts
         * @return this builder
         */
        public Builder forceConflicts(boolean value) {
            this.forceConflicts = value;
            return this;
        }

        /**
         * Argo CD's sync options for this sync (default: none).
         *
         * @param value the options
         * @return this builder
         */
        public Builder syncOptions(SyncOptionList value) {
            this.syncOptions = Objects.requireNonNull(value, "syncOptions");
            return this;
        }

        /**
         * Argo CD sync option strings, such as {@code CreateNamespace=true}.
         *
         * @param value the entries, {@code Key=Value}
         * @return this builder
         */
        public Builder syncOptions(List<String> value) {
            return syncOptions(SyncOptionList.of(value));
        }

        /**
         * Selective sync: only these resources, and no hooks (default: everything).
         *
         * @param value the resources, empty for everything
         * @return this builder
         */
        public Builder resources(Set<ResourceKey> value) {
            this.resources = Set.copyOf(value);
            return this;
        }

        /**
         * Whether hooks are left out, as Argo CD's {@code apply} sync strategy does (default: no,
         * the {@code hook} strategy); resources still sync wave by wave.
         *
         * @param value whether to skip every hook
         * @return this builder
         */
        public Builder skipHooks(boolean value) {
            this.skipHooks = value;
            return this;
        }

        /**
         * How transient failures are retried (default: {@link RetryPolicy#NONE}).
         *
         * @param value the policy
         * @return this builder
         */
        public Builder retry(RetryPolicy value) {
            this.retry = Objects.requireNonNull(value, "retry");
            return this;
        }

        /**
         * How long one wave may wait for health or hooks before it fails (default {@link
         * #DEFAULT_WAVE_TIMEOUT}).
         *
         * @param value the timeout, positive
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is zero or negative
         */
        public Builder waveTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the wave timeout must be positive, not " + value);
            }
            this.waveTimeout = value;
            return this;
        }

        /**
         * How long the whole sync may take before running tasks fail (default: no limit).
         *
         * @param value the timeout, positive
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is zero or negative
         */
        public Builder timeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the sync timeout must be positive, not " + value);
            }
            this.timeout = Optional.of(value);
            return this;
        }

        /**
         * A request with these settings.
         *
         * @return the request
         */
        public SyncRequest build() {
            return new SyncRequest(this);
        }
    }
}
