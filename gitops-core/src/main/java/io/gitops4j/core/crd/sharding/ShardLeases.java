package io.gitops4j.core.crd.sharding;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.core.engine.ControllerScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's hold on the shard Leases {@code <leaseName>-0 ... <leaseName>-<replicas-1>} in
 * one namespace. Every {@link ShardingSettings#retryPeriod() retry period}, on the injected clock
 * and scheduler:
 * <ol>
 *   <li>each Lease held is renewed once a third of its duration has passed since the last renewal;
 *       one someone else wrote (a 409) is lost at once, and one that could not be renewed for the
 *       {@link ShardingSettings#renewDeadline() renew deadline} is given up, so the replica stops
 *       reconciling the shard before the Lease expires and another replica may take it;</li>
 *   <li>a Lease that is free (released, or not renewed within its duration) is taken: at once by a
 *       replica holding no shard, and by one holding {@code k} shards once it has been free for
 *       {@code k} retry periods, so a replica holding fewer shards, which checks every retry
 *       period, comes first. A Lease that does not exist yet is created at once by a replica
 *       holding no shard and by one holding {@code k} after {@code k} lease durations, so
 *       replicas started within a lease duration of each other end up with one shard each.</li>
 * </ol>
 * The {@link Listener} is told of every shard gained (after its Lease is taken) and lost (before
 * another replica may take it), on the scheduler's thread. {@link #releaseAll()} gives every held
 * Lease up at once.
 * Thread-safe.
 */
public final class ShardLeases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardLeases.class);

    /** What a replica is told when its shards change. */
    public interface Listener {
        /**
         * The replica holds the shard now: start reconciling its Applications.
         *
         * @param shard the shard
         */
        void acquired(int shard);

        /**
         * The replica no longer holds the shard: stop reconciling its Applications now.
         *
         * @param shard the shard
         */
        void lost(int shard);
    }

    private final ShardingSettings settings;
    private final Clock clock;
    private final ControllerScheduler scheduler;
    private final Listener listener;
    /** How a log line names what a Lease guards ({@code shard 1}), and the work given up with it. */
    private final IntFunction<String> subject;
    private final String work;
    private final List<ShardLease> leases = new ArrayList<>();
    /** Held shards and when each was last written by this replica. */
    private final Map<Integer, Instant> held = new TreeMap<>();
    /** When this replica first saw a Lease missing, by shard. */
    private final Map<Integer, Instant> missingSince = new HashMap<>();
    private boolean started;
    private boolean closed;

    /**
     * @param cluster where the Leases are
     * @param namespace the namespace of the Leases
     * @param settings replicas, names and timings
     * @param clock the clock renewals and expiries are judged on
     * @param scheduler where the checks run
     * @param listener told of shards gained and lost
     * @throws ClusterException when the cluster serves no {@code coordination.k8s.io/v1} Lease
     */
    public ShardLeases(Cluster cluster, String namespace, ShardingSettings settings, Clock clock,
            ControllerScheduler scheduler, Listener listener) {
        this(cluster, namespace, shardLeaseNames(settings), settings, clock, scheduler, listener, shard -> "shard " + shard,
                "reconciling its Applications");
    }

    /**
     * Leases of the given names, one "shard" each, with the timings and replica id of {@code settings}
     * (its replicas and lease name are not read): {@link LeaderElection} holds one this way.
     */
    ShardLeases(Cluster cluster, String namespace, List<String> leaseNames, ShardingSettings settings, Clock clock,
            ControllerScheduler scheduler, Listener listener, IntFunction<String> subject, String work) {
        ResourceType type = cluster.resourceType("coordination.k8s.io/v1", "Lease").orElseThrow(() ->
                new ClusterException(404, "the cluster serves no coordination.k8s.io/v1 Lease, which replicas that "
                        + "share the work need; run a single controller (no --replicas) against it"));
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
        this.listener = listener;
        this.subject = subject;
        this.work = work;
        for (String name : leaseNames) {
            leases.add(new ShardLease(cluster, type, namespace, name, settings.replicaId(), settings.leaseDuration()));
        }
    }

    private static List<String> shardLeaseNames(ShardingSettings settings) {
        List<String> names = new ArrayList<>();
        for (int shard = 0; shard < settings.replicas(); shard++) {
            names.add(settings.leaseNameOf(shard));
        }
        return names;
    }

    /** Checks the Leases now, and every retry period from then on. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        scheduler.execute(this::tick);
    }

    /** {@return the shards this replica holds now} */
    public synchronized Set<Integer> held() {
        return new TreeSet<>(held.keySet());
    }

    /** One round: renew or give up what is held, then take what is free. */
    synchronized void tick() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        try {
            renewHeld(now);
            takeFree(now);
        } catch (RuntimeException e) {
            LOG.warn("shard leases of {}: {}", settings.replicaId(), e.getMessage());
        } finally {
            if (!closed) {
                scheduler.schedule(now.plus(settings.retryPeriod()), this::tick);
            }
        }
    }

    private void renewHeld(Instant now) {
        for (Integer shard : List.copyOf(held.keySet())) {
            ShardLease lease = leases.get(shard);
            Instant renewed = held.get(shard);
            if (now.isBefore(renewed.plus(settings.renewInterval()))) {
                continue;
            }
            switch (lease.renew(now)) {
                case RENEWED -> held.put(shard, now);
                case LOST -> {
                    LOG.warn("{}: the lease {} was taken by another replica; stopped {}", subject.apply(shard),
                            lease.describe(), work);
                    lose(shard);
                }
                case FAILED -> {
                    if (!now.isBefore(renewed.plus(settings.renewDeadline()))) {
                        LOG.warn("{}: the lease {} could not be renewed since {}; stopped {} before it expires",
                                subject.apply(shard), lease.describe(), renewed, work);
                        lease.forget();
                        lose(shard);
                    } else {
                        LOG.info("{}: the lease {} could not be renewed now; trying again", subject.apply(shard),
                                lease.describe());
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private void lose(int shard) {
        held.remove(shard);
        listener.lost(shard);
    }

    private void takeFree(Instant now) {
        for (int shard = 0; shard < leases.size(); shard++) {
            if (held.containsKey(shard)) {
                continue;
            }
            ShardLease lease = leases.get(shard);
            Optional<ShardLease.Observed> current = lease.read();
            Instant freeFrom;
            Duration waitPerShardHeld = settings.retryPeriod();
            if (current.isEmpty()) {
                freeFrom = missingSince.computeIfAbsent(shard, s -> now);
                waitPerShardHeld = settings.leaseDuration();   // replicas starting together share the shards
            } else {
                missingSince.remove(shard);
                boolean mine = current.get().holder().equals(settings.replicaId());
                freeFrom = mine ? Instant.MIN : current.get().freeFrom();
                if (now.isBefore(freeFrom)) {
                    continue;   // held by a live replica
                }
            }
            Duration wait = waitPerShardHeld.multipliedBy(held.size());
            if (!freeFrom.equals(Instant.MIN) && now.isBefore(freeFrom.plus(wait))) {
                continue;   // replicas holding fewer shards come first
            }
            if (lease.take(current, now)) {
                held.put(shard, now);
                LOG.info("{}: {} holds the lease {}{}", subject.apply(shard), settings.replicaId(), lease.describe(),
                        current.map(c -> c.holder().isEmpty() ? "" : " (taken over from " + c.holder() + ")")
                                .orElse(""));
                listener.acquired(shard);
            }
        }
    }

    /**
     * Gives every held Lease up at once (no holder, one second), so another replica takes it
     * without waiting for it to expire; checks stop. Call it once this replica stopped
     * reconciling: the listener is not told.
     */
    public synchronized void releaseAll() {
        closed = true;
        Instant now = clock.instant();
        for (Integer shard : List.copyOf(held.keySet())) {
            held.remove(shard);
            leases.get(shard).release(now).ifPresent(LOG::warn);
            LOG.info("{}: released the lease {}", subject.apply(shard), leases.get(shard).describe());
        }
    }

    /** Stops the checks without releasing anything: the Leases held expire by themselves. */
    @Override
    public synchronized void close() {
        closed = true;
    }
}
