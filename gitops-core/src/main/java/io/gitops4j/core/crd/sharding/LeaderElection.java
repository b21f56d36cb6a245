package io.gitops4j.core.crd.sharding;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.core.engine.ControllerScheduler;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Leader election among replicas through one {@code coordination.k8s.io/v1} Lease, as
 * controller-runtime's leader election (client-go's {@code leaderelection}) elects the one active
 * replica of Argo CD's applicationset-controller: the replica holding the Lease is the leader;
 * the others stand by and take it over once it is released or expired. Written, renewed, given up
 * and taken exactly as a shard Lease ({@link ShardLeases}, with one Lease and the timings and
 * replica id of a {@link ShardingSettings}): renewed every third of the lease duration, given up
 * once it could not be renewed for the renew deadline (before it can expire), lost at once on a
 * 409, released on a clean stop, all on the injected clock and scheduler. Thread-safe.
 */
public final class LeaderElection implements AutoCloseable {

    /**
     * The Lease Argo CD's applicationset-controller elects its leader with
     * ({@code LeaderElectionID} of its manager).
     */
    public static final String APPLICATION_SET_LEASE = "58ac56fa.applicationsets.argoproj.io";

    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int MAX_NAME = 253;

    /** What the replica is told when it becomes leader or stops being one; on the scheduler's thread. */
    public interface Listener {
        /** This replica holds the Lease now: start the work only the leader does. */
        void elected();

        /** This replica no longer holds the Lease: stop that work now, before another replica may take it. */
        void lost();
    }

    private final ShardLeases lease;
    private final String name;

    /**
     * @param cluster where the Lease is
     * @param namespace the Lease's namespace
     * @param leaseName the Lease's name, a DNS subdomain such as {@link #APPLICATION_SET_LEASE}
     * @param timings the replica id and the lease duration, renew deadline and retry period (its
     *     replicas and shard lease name are not read)
     * @param clock the clock renewals and expiries are judged on
     * @param scheduler where the checks run
     * @param listener told when this replica is elected and when it loses the Lease
     * @throws IllegalArgumentException when the name is not a DNS subdomain
     * @throws ClusterException when the cluster serves no {@code coordination.k8s.io/v1} Lease
     */
    public LeaderElection(Cluster cluster, String namespace, String leaseName, ShardingSettings timings, Clock clock,
            ControllerScheduler scheduler, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        if (leaseName.length() > MAX_NAME || !DNS_SUBDOMAIN.matcher(leaseName).matches()) {
            throw new IllegalArgumentException("leader election lease name '" + leaseName + "' is not a DNS subdomain "
                    + "of at most " + MAX_NAME + " characters (lower case letters, digits, '-' and '.')");
        }
        this.name = namespace + "/" + leaseName;
        this.lease = new ShardLeases(cluster, namespace, List.of(leaseName), timings, clock, scheduler,
                new ShardLeases.Listener() {
                    @Override
                    public void acquired(int shard) {
                        listener.elected();
                    }

                    @Override
                    public void lost(int shard) {
                        listener.lost();
                    }
                }, shard -> "leader election", "the leader's work");
    }

    /** Tries to take the Lease now, and renews or tries again every retry period from then on. */
    public void start() {
        lease.start();
    }

    /** {@return whether this replica holds the Lease now} */
    public boolean isLeader() {
        return !lease.held().isEmpty();
    }

    /** {@return the Lease, {@code namespace/name}} */
    public String lease() {
        return name;
    }

    /**
     * Releases the Lease at once, as client-go does on a clean stop (no holder, one second), so
     * another replica takes it at its next check; the checks stop and the listener is not told.
     * Call it once this replica stopped the leader's work.
     */
    public void release() {
        lease.releaseAll();
    }

    /** Stops the checks without releasing: a Lease held expires by itself. */
    @Override
    public void close() {
        lease.close();
    }
}
