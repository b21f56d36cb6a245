package io.gitops4j.k8s.sync;

import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.k8s.Cluster;
import io.gitops4j.k8s.health.HealthAssessor;
import io.gitops4j.k8s.sync.internal.SyncStateMachine;
import io.gitops4j.k8s.tracking.ResourceTracking;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Brings a cluster to the desired state of a {@link Comparison}, as Argo CD's sync does.
 *
 * <pre>{@code
 * SyncEngine engine = SyncEngine.builder().cluster(cluster).health(health).build();
 * SyncResult result = engine.sync(comparison, SyncOptions.builder().prune(true).build());   // blocking
 * SyncOperation operation = engine.start(comparison, options);                              // a step at a time
 * }</pre>
 *
 * <ul>
 *   <li><b>Order</b>: phase (PreSync, Sync, PostSync), wave ({@code argocd.argoproj.io/sync-wave},
 *       or {@code helm.sh/hook-weight}), kind ({@link KindOrder}), name; a Namespace ahead of the
 *       first object in it, a CRD ahead of its first custom resource. A multi-wave sync waits
 *       for each wave to be healthy ({@link HealthAssessor}) before the next, at most
 *       {@link SyncOptions#waveTimeout()}.</li>
 *   <li><b>Hooks</b> ({@link io.gitops4j.k8s.hooks.Hooks}): run in their phase, named when they
 *       only have {@code generateName}, guarded by the hook finalizer, deleted by their delete
 *       policy; a failed hook fails the sync, which then runs the SyncFail hooks.</li>
 *   <li><b>Safety</b>: every change is dry run on the server first, and any failure stops the sync
 *       before the first write; an empty desired state prunes nothing unless
 *       {@link SyncOptions#allowEmpty()}; a failed wave stops the sync, so later prunes never run;
 *       a prune only deletes the very object that was compared (uid precondition).</li>
 *   <li><b>Writes</b>: server-side apply as {@link Builder#fieldManager} by default, client-side
 *       apply, {@code Replace=true} and {@code Force=true} on request ({@link SyncOptionList}).
 *       Objects the comparison found in sync are not written.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; run as many operations at once as you like.
 */
public final class SyncEngine {

    /** How long a step waits before looking again at resources that are not healthy yet, by default. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

    private final Cluster cluster;
    private final HealthAssessor health;
    private final Clock clock;
    private final ResourceTracking tracking;
    private final String fieldManager;
    private final Duration pollInterval;
    private final StepPacer pacer;

    private SyncEngine(Builder builder) {
        this.cluster = builder.cluster;
        this.health = builder.health;
        this.clock = builder.clock;
        this.tracking = builder.tracking;
        this.fieldManager = builder.fieldManager;
        this.pollInterval = builder.pollInterval;
        this.pacer = builder.pacer != null ? builder.pacer : StepPacer.sleeping(builder.clock);
    }

    /** An engine with the defaults for {@code cluster}. */
    public SyncEngine(Cluster cluster) {
        this(builder().cluster(cluster));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a sync; nothing is read or written until its first {@link SyncOperation#step()}. */
    public SyncOperation start(Comparison comparison, SyncOptions options) {
        return new SyncOperation(new SyncStateMachine(cluster, health, clock, tracking, fieldManager, pollInterval,
                comparison, options));
    }

    /** Runs a sync to the end, waiting with the builder's {@link StepPacer}. */
    public SyncResult sync(Comparison comparison, SyncOptions options) {
        return start(comparison, options).run(pacer);
    }

    /** The field manager of server-side applies. */
    public String fieldManager() {
        return fieldManager;
    }

    /** Configures a {@link SyncEngine}; a cluster is required. */
    public static final class Builder {
        private Cluster cluster;
        private HealthAssessor health = HealthAssessor.defaults();
        private Clock clock = Clock.systemUTC();
        private ResourceTracking tracking = ResourceTracking.annotation();
        private String fieldManager = ResourceDiffer.DEFAULT_FIELD_MANAGER;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private StepPacer pacer;

        private Builder() {
        }

        public Builder cluster(Cluster value) {
            this.cluster = Objects.requireNonNull(value, "cluster");
            return this;
        }

        /** How waves and hooks are judged (default: built-in checks and kstatus). */
        public Builder health(HealthAssessor value) {
            this.health = Objects.requireNonNull(value, "health");
            return this;
        }

        /** The clock for timeouts, retries and hook names (default: the system clock). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How hooks the sync names are marked (default: annotation tracking); use the comparer's. */
        public Builder tracking(ResourceTracking value) {
            this.tracking = Objects.requireNonNull(value, "tracking");
            return this;
        }

        /** The field manager of server-side applies (default {@code gitops4j}); use the differ's. */
        public Builder fieldManager(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("a field manager needs a name");
            }
            this.fieldManager = value;
            return this;
        }

        /** How long to wait before looking again at resources that are not healthy yet (default 2s). */
        public Builder pollInterval(Duration value) {
            this.pollInterval = Objects.requireNonNull(value, "pollInterval");
            return this;
        }

        /** How {@link SyncEngine#sync} waits between steps (default: sleeping on the clock). */
        public Builder pacer(StepPacer value) {
            this.pacer = Objects.requireNonNull(value, "pacer");
            return this;
        }

        public SyncEngine build() {
            if (cluster == null) {
                throw new IllegalStateException("SyncEngine.builder() needs a cluster");
            }
            return new SyncEngine(this);
        }
    }
}
