package io.gitops4j.k8s.sync.engine;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.k8s.health.assessor.HealthAssessor;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.SyncInProgressException;
import io.gitops4j.k8s.sync.SyncOptionList;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncResult;
import io.gitops4j.k8s.sync.SyncTarget;
import io.gitops4j.k8s.sync.engine.internal.LocalSyncLocks;
import io.gitops4j.k8s.sync.engine.internal.SyncLease;
import io.gitops4j.k8s.sync.engine.internal.SyncStateMachine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Brings a cluster to the desired state of a {@link Comparison}, as Argo CD's sync does.
 *
 * <pre>{@code
 * SyncEngine engine = SyncEngine.builder().cluster(cluster).health(health).build();
 * SyncResult result = engine.sync(comparison, SyncRequest.builder().prune(true).build());   // blocking
 * SyncOperation operation = engine.start(comparison, request);                              // a step at a time
 * }</pre>
 *
 * <ul>
 *   <li><b>Order</b>: phase (PreSync, Sync, PostSync), wave ({@code argocd.argoproj.io/sync-wave},
 *       or {@code helm.sh/hook-weight}), kind (Helm's install order: Namespace, policies,
 *       configuration, storage, CRDs, RBAC, services, workloads, ingress; other kinds last),
 *       name; a Namespace ahead of the first object in it, a CRD ahead of its first custom
 *       resource. A multi-wave sync waits
 *       for each wave to be healthy ({@link HealthAssessor}) before the next, at most
 *       {@link SyncRequest#waveTimeout()}.</li>
 *   <li><b>Hooks</b> ({@link io.gitops4j.k8s.hooks.Hooks}): run in their phase, named when they
 *       only have {@code generateName}, guarded by the hook finalizer, deleted by their delete
 *       policy; a failed hook fails the sync, which then runs the SyncFail hooks.</li>
 *   <li><b>Safety</b>: every change is dry run on the server first, and any failure stops the sync
 *       before the first write; an empty desired state prunes nothing unless
 *       {@link SyncRequest#allowEmpty()}; a failed wave stops the sync, so later prunes never run;
 *       a prune only deletes the very object that was compared (uid precondition).</li>
 *   <li><b>Writes</b>: server-side apply as the target's {@linkplain SyncTarget#fieldManager() field
 *       manager} by default, client-side apply, {@code Replace=true} and {@code Force=true} on
 *       request ({@link SyncOptionList}). Objects the comparison found in sync are not written.</li>
 *   <li><b>Target</b>: the application, its destination namespace, tracking, field manager,
 *       managed namespace metadata and revision are the {@link SyncTarget} the comparison
 *       carries, the very one its desired state was prepared and compared with.</li>
 * </ul>
 *
 * <p><b>One sync per application at a time</b>, as Argo CD ("another operation is already in
 * progress"): {@link #lock} takes an application's {@link SyncLock} in this engine and on the
 * cluster (a {@code coordination.k8s.io/v1} Lease {@code gitops4j-sync-<app>} in
 * {@link Builder#lockNamespace}, by default {@code default}); a second sync of the application,
 * from another thread or another process, gets a {@link SyncInProgressException} at once instead
 * of running beside the first. It does not wait: the comparison it would start from may be
 * outdated by the time the first sync ends, so compare again and retry. Take the lock before
 * comparing; {@link #start(Comparison, SyncRequest)} takes it itself when not given one.
 *
 * <p>Thread-safe; run as many operations of different applications at once as you like.
 */
public final class SyncEngine {

    /** How long a step waits before looking again at resources that are not healthy yet, by default. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

    /** How long a sync's lock holds without renewal, by default; a running operation renews it every quarter. */
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(60);

    /** The namespace of sync Leases by default: it exists in every cluster and cannot be deleted. */
    public static final String DEFAULT_LOCK_NAMESPACE = "default";

    private final Cluster cluster;
    private final HealthAssessor health;
    private final Clock clock;
    private final Duration pollInterval;
    private final StepPacer pacer;
    private final String identity;
    private final String lockNamespace;
    private final Duration leaseDuration;
    private final LocalSyncLocks locks = new LocalSyncLocks();

    private SyncEngine(Builder builder) {
        this.cluster = builder.cluster;
        this.health = builder.health;
        this.clock = builder.clock;
        this.pollInterval = builder.pollInterval;
        this.pacer = builder.pacer != null ? builder.pacer : StepPacer.sleeping(builder.clock);
        this.identity = builder.identity != null ? builder.identity : defaultIdentity();
        this.lockNamespace = builder.lockNamespace;
        this.leaseDuration = builder.leaseDuration;
    }

    /**
     * An engine with the defaults for {@code cluster}.
     *
     * @param cluster the cluster to sync into
     */
    public SyncEngine(Cluster cluster) {
        this(builder().cluster(cluster));
    }

    /**
     * Starts configuring an engine; {@link Builder#cluster} must be set.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Takes the right to sync an application now: in this engine, and for a real sync on the
     * cluster (its Lease is created; a dry run writes nothing, not even that).
     *
     *
     * @param appName the application's name
     * @param request the sync; only {@link SyncRequest#dryRun()} matters here
     * @return the lock; close it, or hand it to {@link #start(Comparison, SyncRequest, SyncLock)}
     * @throws SyncInProgressException when another sync of the application runs, here or in
     *     another process whose Lease has not expired
     * @throws io.gitops4j.cluster.ClusterException when the Lease cannot be read or written (a
     *     forbidden or unserved Lease is a warning of the lock instead)
     */
    public SyncLock lock(String appName, SyncRequest request) {
        Optional<SyncLease> lease = request.dryRun() ? Optional.empty()
                : Optional.of(new SyncLease(cluster, lockNamespace, appName, identity, leaseDuration));
        return SyncLock.acquire(appName, identity, request.dryRun(), clock, leaseDuration, locks, lease);
    }

    /**
     * Starts a sync under the application's lock, which it takes first; nothing else is read or
     * written until its first {@link SyncOperation#step()}. The comparison may be older than the
     * lock: prefer {@link #lock} before comparing, then {@link #start(Comparison, SyncRequest, SyncLock)}.
     *
     *
     * @param comparison the application's comparison, what to sync
     * @param request how to sync
     * @return the operation, not started yet
     * @throws SyncInProgressException when another sync of the application runs
     */
    public SyncOperation start(Comparison comparison, SyncRequest request) {
        return start(comparison, request, lock(comparison.appName(), request));
    }

    /**
     * Starts a sync under a lock taken with {@link #lock}: the operation renews it while it runs
     * and releases it when it completes. Nothing is read or written until its first step.
     *
     *
     * @param comparison the application's comparison, what to sync
     * @param request how to sync
     * @param lock the application's lock
     * @return the operation, not started yet
     * @throws IllegalArgumentException when the lock is for another application, or for a dry run
     *     and this sync is not one
     * @throws IllegalStateException when the lock was released or already belongs to an operation
     */
    public SyncOperation start(Comparison comparison, SyncRequest request, SyncLock lock) {
        lock.handOn(comparison.appName(), request.dryRun());
        return new SyncOperation(new SyncStateMachine(cluster, health, clock, pollInterval, comparison, request), lock);
    }

    /**
     * Runs a sync to the end, waiting with the builder's {@link StepPacer}.
     *
     * @param comparison the application's comparison, what to sync
     * @param request how to sync
     * @return the result of the completed operation
     */
    public SyncResult sync(Comparison comparison, SyncRequest request) {
        return start(comparison, request).run(pacer);
    }

    /**
     * Runs a sync under a lock taken with {@link #lock} to the end, waiting with the builder's {@link StepPacer}.
     *
     * @param comparison the application's comparison, what to sync
     * @param request how to sync
     * @param lock the application's lock
     * @return the result of the completed operation
     */
    public SyncResult sync(Comparison comparison, SyncRequest request, SyncLock lock) {
        return start(comparison, request, lock).run(pacer);
    }

    /**
     * The identity this engine's syncs hold their Leases under.
     *
     * @return the identity
     */
    public String identity() {
        return identity;
    }

    /** {@code <host>_<pid>_<random>}: unique per engine, and telling people where the sync runs. */
    private static String defaultIdentity() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).or(() -> Optional.ofNullable(
                System.getenv("COMPUTERNAME"))).filter(h -> !h.isBlank()).orElseGet(SyncEngine::localHostName);
        return host + "_" + ProcessHandle.current().pid() + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            return "unknown-host";
        }
    }

    /** Configures a {@link SyncEngine}; a cluster is required. */
    public static final class Builder {
        private Cluster cluster;
        private HealthAssessor health = HealthAssessor.defaults();
        private Clock clock = Clock.systemUTC();
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private StepPacer pacer;
        private String identity;
        private String lockNamespace = DEFAULT_LOCK_NAMESPACE;
        private Duration leaseDuration = DEFAULT_LEASE_DURATION;

        private Builder() {
        }

        /**
         * Who holds this engine's sync Leases, as other processes are told when they are refused
         * (default: {@code <host>_<pid>_<random>}, unique per engine). Engines sharing an identity
         * take each other's Leases for their own: give each its own.
         *
         * @param value the identity, not blank
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is blank
         */
        public Builder identity(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("a sync lock identity must not be empty");
            }
            this.identity = value;
            return this;
        }

        /**
         * The namespace of the sync Leases (default {@code default}, which every cluster has). It
         * must be the same for every process that syncs the same applications into the cluster,
         * and RBAC must allow get, create, update and delete on {@code leases} there.
         *
         * @param value the namespace, not blank
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is blank
         */
        public Builder lockNamespace(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("the lock namespace must not be empty");
            }
            this.lockNamespace = value;
            return this;
        }

        /**
         * How long a sync's lock holds without renewal (default 60s, whole seconds): a running
         * operation renews it every quarter of it, at its steps; a process that died without
         * releasing it blocks other syncs of the application this long. Raise it when single
         * waves take longer than half of it to apply.
         *
         * @param value the duration, at least one second; parts of a second are dropped
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is shorter than one second
         */
        public Builder leaseDuration(Duration value) {
            if (value == null || value.toSeconds() < 1) {
                throw new IllegalArgumentException("the lease duration must be at least one second, not " + value);
            }
            this.leaseDuration = Duration.ofSeconds(value.toSeconds());
            return this;
        }

        /**
         * The cluster to sync into; required.
         *
         * @param value the cluster
         * @return this builder
         */
        public Builder cluster(Cluster value) {
            this.cluster = Objects.requireNonNull(value, "cluster");
            return this;
        }

        /**
         * How waves and hooks are judged (default: built-in checks and kstatus).
         *
         * @param value the health assessor
         * @return this builder
         */
        public Builder health(HealthAssessor value) {
            this.health = Objects.requireNonNull(value, "health");
            return this;
        }

        /**
         * The clock for timeouts, retries, hook names and sync Leases (default: the system clock).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How long to wait before looking again at resources that are not healthy yet (default 2s).
         *
         * @param value the interval
         * @return this builder
         */
        public Builder pollInterval(Duration value) {
            this.pollInterval = Objects.requireNonNull(value, "pollInterval");
            return this;
        }

        /**
         * How {@link SyncEngine#sync} waits between steps (default: sleeping on the clock).
         *
         * @param value the pacer
         * @return this builder
         */
        public Builder pacer(StepPacer value) {
            this.pacer = Objects.requireNonNull(value, "pacer");
            return this;
        }

        /**
         * An engine with these settings.
         *
         * @return the engine
         * @throws IllegalStateException when no cluster was set
         */
        public SyncEngine build() {
            if (cluster == null) {
                throw new IllegalStateException("SyncEngine.builder() needs a cluster");
            }
            return new SyncEngine(this);
        }
    }
}
