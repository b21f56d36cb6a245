package io.gitops4j.k8s.sync.engine;

import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.SyncInProgressException;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.engine.internal.LocalSyncLocks;
import io.gitops4j.k8s.sync.engine.internal.SyncLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to sync one application now, as Argo CD allows one operation per application at a
 * time: held in the {@link SyncEngine} that gave it (so no other thread of this process syncs
 * the application) and, for a real sync, on the cluster as a {@code coordination.k8s.io/v1} Lease
 * that other processes respect ({@link SyncEngine.Builder#lockNamespace}). Take it with
 * {@link SyncEngine#lock} <em>before</em> comparing, so the comparison a sync starts from cannot
 * be overtaken by another sync; hand it to {@link SyncEngine#start(Comparison, SyncRequest, SyncLock)},
 * which renews it while the operation runs and releases it when the operation completes, however
 * it ends. {@link #close()} releases it (a no-op once released), so a lock not handed on is
 * released by try-with-resources.
 *
 * <p>When the cluster serves no Lease or RBAC forbids it, the lock holds in this process only and
 * {@link #warnings()} says so. Thread-safe.
 */
public final class SyncLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncLock.class);

    private final String appName;
    private final String holder;
    private final boolean dryRun;
    private final Clock clock;
    private final Duration renewInterval;
    private final LocalSyncLocks local;
    private final LocalSyncLocks.Hold hold;
    private final Optional<SyncLease> lease;
    private final Instant acquiredAt;
    private final List<String> warnings = new ArrayList<>();
    private Instant renewedAt;
    private boolean handedOn;
    private boolean released;

    private SyncLock(String appName, String holder, boolean dryRun, Clock clock, Duration renewInterval,
            LocalSyncLocks local, LocalSyncLocks.Hold hold, Optional<SyncLease> lease, Instant acquiredAt) {
        this.appName = appName;
        this.holder = holder;
        this.dryRun = dryRun;
        this.clock = clock;
        this.renewInterval = renewInterval;
        this.local = local;
        this.hold = hold;
        this.lease = lease;
        this.acquiredAt = acquiredAt;
        this.renewedAt = acquiredAt;
    }

    /**
     * Takes the lock: first in this process, then (unless {@code lease} is empty) on the cluster.
     *
     * @throws SyncInProgressException when another sync of the application holds either
     */
    static SyncLock acquire(String appName, String identity, boolean dryRun, Clock clock, Duration leaseDuration,
            LocalSyncLocks local, Optional<SyncLease> lease) {
        Instant now = clock.instant();
        String inProcess = "this process, thread " + Thread.currentThread().getName();
        LocalSyncLocks.Hold hold = local.acquire(appName, inProcess, now, leaseDuration);
        SyncLock lock = new SyncLock(appName, identity, dryRun, clock, leaseDuration.dividedBy(4), local, hold,
                lease, now);
        try {
            lease.flatMap(l -> l.acquire(now)).ifPresent(warning -> {
                lock.warnings.add(warning);
                LOG.warn("{}: {}", appName, warning);
            });
        } catch (RuntimeException e) {
            local.release(appName, hold);
            throw e;
        }
        return lock;
    }

    /**
     * The application this lock is for.
     *
     * @return the application's name
     */
    public String appName() {
        return appName;
    }

    /**
     * The identity the lock is held under (the Lease's {@code holderIdentity}).
     *
     * @return the holder identity
     */
    public String holder() {
        return holder;
    }

    /**
     * When it was taken, on the engine's clock.
     *
     * @return the instant
     */
    public Instant acquiredAt() {
        return acquiredAt;
    }

    /**
     * Whether it was taken for a dry run, which writes nothing, not even the Lease.
     *
     * @return whether it is a dry run's
     */
    public boolean forDryRun() {
        return dryRun;
    }

    /**
     * Problems worth showing: no Lease on the cluster (and why), a Lease that could not be released.
     *
     * @return the warnings, in the order they arose
     */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Whether it is still held (not released, not lost to another holder).
     *
     * @return whether it is held
     */
    public synchronized boolean isHeld() {
        return !released;
    }

    /** Releases it; a no-op once released. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        local.release(appName, hold);
        lease.flatMap(SyncLease::release).ifPresent(warning -> {
            warnings.add(warning);
            LOG.warn("{}: {}", appName, warning);
        });
    }

    /** Marks it as owned by an operation from now on; it can be handed on once. */
    synchronized void handOn(String comparedApp, boolean dryRunSync) {
        if (released) {
            throw new IllegalStateException("the sync lock of " + appName + " was released; take a new one");
        }
        if (handedOn) {
            throw new IllegalStateException("the sync lock of " + appName + " already belongs to an operation");
        }
        if (!comparedApp.equals(appName)) {
            throw new IllegalArgumentException("the sync lock is for application " + appName + ", the comparison for "
                    + comparedApp);
        }
        if (dryRun && !dryRunSync) {
            throw new IllegalArgumentException("a sync lock taken for a dry run holds no Lease and cannot cover a real "
                    + "sync of " + appName);
        }
        handedOn = true;
    }

    /**
     * When a step must come at the latest to renew the lock: half its duration after the last
     * renewal, so a step that comes late still finds it held. Steps renew it sooner, from a
     * quarter on.
     */
    synchronized Instant renewalDeadline() {
        return renewedAt.plus(renewInterval.multipliedBy(2));
    }

    /**
     * Renews it when due.
     *
     * @return why it was lost, when another holder took it over meanwhile
     */
    synchronized Optional<String> renewIfDue() {
        Instant now = clock.instant();
        if (released || now.isBefore(renewedAt.plus(renewInterval))) {
            return Optional.empty();
        }
        renewedAt = now;
        if (!local.renew(appName, hold, now)) {
            released = true;
            lease.ifPresent(SyncLease::release);
            return Optional.of("another sync of " + appName + " in this process took over its lock, which was not "
                    + "renewed in time");
        }
        Optional<String> takenBy = lease.flatMap(l -> l.renew(now));
        if (takenBy.isPresent()) {
            released = true;
            local.release(appName, hold);
            return Optional.of("the sync lease " + lease.get().describe() + " was taken over by " + takenBy.get()
                    + " after it was not renewed in time");
        }
        return Optional.empty();
    }
}
