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
        this.retry = b.retry;
        this.waveTimeout = b.waveTimeout;
        this.timeout = b.timeout;
    }

    /** Argo CD's defaults: no pruning, no empty syncs, server-side apply, no retries. */
    public static SyncRequest defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this request. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.prune = prune;
        b.allowEmpty = allowEmpty;
        b.dryRun = dryRun;
        b.strategy = strategy;
        b.forceConflicts = forceConflicts;
        b.syncOptions = syncOptions;
        b.resources = resources;
        b.retry = retry;
        b.waveTimeout = waveTimeout;
        b.timeout = timeout;
        return b;
    }

    /** The same request with pruning on or off. */
    public SyncRequest withPrune(boolean enabled) {
        return toBuilder().prune(enabled).build();
    }

    /** Delete live objects tracked as the application's that Git no longer has. */
    public boolean prune() {
        return prune;
    }

    /** Allow pruning when Git holds no objects for the application (hooks do not count). */
    public boolean allowEmpty() {
        return allowEmpty;
    }

    /** Only dry run (server-side) every change and report what would happen. */
    public boolean dryRun() {
        return dryRun;
    }

    /** How objects are written, unless a sync option says otherwise. */
    public ApplyStrategy strategy() {
        return strategy;
    }

    /** Server-side apply: take over fields other managers own ({@code --force-conflicts}, as Argo CD does). */
    public boolean forceConflicts() {
        return forceConflicts;
    }

    /** Argo CD's sync options for this sync, the application's among them (a resource's annotation wins over them). */
    public SyncOptionList syncOptions() {
        return syncOptions;
    }

    /** Selective sync: only these resources, and no hooks; empty for everything. */
    public Set<ResourceKey> resources() {
        return resources;
    }

    /** How transient failures are retried. */
    public RetryPolicy retry() {
        return retry;
    }

    /** How long one wave may wait for health or hooks before it fails. */
    public Duration waveTimeout() {
        return waveTimeout;
    }

    /** How long the whole sync may take before running tasks fail (SyncFail hooks then get their own wave timeout). */
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
        private RetryPolicy retry = RetryPolicy.NONE;
        private Duration waveTimeout = DEFAULT_WAVE_TIMEOUT;
        private Optional<Duration> timeout = Optional.empty();

        private Builder() {
        }

        public Builder prune(boolean value) {
            this.prune = value;
            return this;
        }

        public Builder allowEmpty(boolean value) {
            this.allowEmpty = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        public Builder strategy(ApplyStrategy value) {
            this.strategy = Objects.requireNonNull(value, "strategy");
            return this;
        }

        public Builder forceConflicts(boolean value) {
            this.forceConflicts = value;
            return this;
        }

        public Builder syncOptions(SyncOptionList value) {
            this.syncOptions = Objects.requireNonNull(value, "syncOptions");
            return this;
        }

        /** Argo CD sync option strings, such as {@code CreateNamespace=true}. */
        public Builder syncOptions(List<String> value) {
            return syncOptions(SyncOptionList.of(value));
        }

        public Builder resources(Set<ResourceKey> value) {
            this.resources = Set.copyOf(value);
            return this;
        }

        public Builder retry(RetryPolicy value) {
            this.retry = Objects.requireNonNull(value, "retry");
            return this;
        }

        public Builder waveTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the wave timeout must be positive, not " + value);
            }
            this.waveTimeout = value;
            return this;
        }

        public Builder timeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the sync timeout must be positive, not " + value);
            }
            this.timeout = Optional.of(value);
            return this;
        }

        public SyncRequest build() {
            return new SyncRequest(this);
        }
    }
}
