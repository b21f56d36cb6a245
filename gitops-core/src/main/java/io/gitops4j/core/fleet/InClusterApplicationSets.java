package io.gitops4j.core.fleet;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.core.appset.ApplicationSetGenerator;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ControllerScheduler;
import io.gitops4j.core.git.GitSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Configures an {@link ApplicationSetReconciler} for controller mode, as Argo CD's
 * applicationset-controller: the sets' Applications are written to the cluster as
 * {@code argoproj.io/v1alpha1} Application objects in the set's namespace, owned through a
 * controller {@code ownerReference} to the set, which is also how a restarted reconciler knows
 * which are the set's; the application controller reconciles them like any other. An object of
 * that name the set does not own is never taken over. {@code io.gitops4j.core.crd.ApplicationSetCrdController}
 * builds one.
 */
public final class InClusterApplicationSets {

    private final Cluster cluster;
    private final ApplicationController engine;
    private final ApplicationSetGenerator generator;
    private BinaryOperator<String> engineNames = (namespace, name) -> name;
    private Clock clock = Clock.systemUTC();
    private Optional<ControllerScheduler> scheduler = Optional.empty();
    private Optional<GitSource> git = Optional.empty();
    private Duration gitRequeue = Duration.ofMinutes(3);
    private Duration checkInterval = Duration.ofSeconds(10);
    private Consumer<String> statusChanged = name -> { };
    private Function<String, ApplicationUpdateRules> updateRules = name -> ApplicationUpdateRules.NONE;
    private BooleanSupplier writing = () -> true;

    private InClusterApplicationSets(Cluster cluster, ApplicationController engine, ApplicationSetGenerator generator) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    /**
     * Starts configuring a reconciler whose Applications are objects in the cluster.
     *
     * @param cluster where the Application objects are written
     * @param engine the controller that reconciles them (its statuses feed a RollingSync)
     * @param generator how the sets' applications are generated
     * @return a builder with the defaults of {@link Fleet.Builder}
     */
    public static InClusterApplicationSets builder(Cluster cluster, ApplicationController engine,
            ApplicationSetGenerator generator) {
        return new InClusterApplicationSets(cluster, engine, generator);
    }

    /**
     * How the engine names the application of an object (default: its name).
     *
     * @param value from an object's namespace and name to its application's name in the engine
     * @return this builder
     */
    public InClusterApplicationSets engineNames(BinaryOperator<String> value) {
        this.engineNames = Objects.requireNonNull(value, "engineNames");
        return this;
    }

    /**
     * The clock of the timers and conditions (default: the system clock in UTC).
     *
     * @param value the clock
     * @return this builder
     */
    public InClusterApplicationSets clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /**
     * Where requeues and RollingSync checks run (required).
     *
     * @param value the scheduler
     * @return this builder
     */
    public InClusterApplicationSets scheduler(ControllerScheduler value) {
        this.scheduler = Optional.of(Objects.requireNonNull(value, "scheduler"));
        return this;
    }

    /**
     * The Git cache the {@code git} generators read, so a requeue or refresh lists its refs again.
     *
     * @param value the Git cache
     * @return this builder
     */
    public InClusterApplicationSets git(GitSource value) {
        this.git = Optional.of(Objects.requireNonNull(value, "git"));
        return this;
    }

    /**
     * How often a set with a {@code git} generator and no {@code requeueAfterSeconds} is generated
     * again (default 3 min).
     *
     * @param value the interval
     * @return this builder
     */
    public InClusterApplicationSets gitRequeue(Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("gitRequeue must be positive, not " + value);
        }
        this.gitRequeue = value;
        return this;
    }

    /**
     * Told the set's {@code namespace/name} whenever its status may have changed: after a
     * generation, and as its RollingSync moves on.
     *
     * @param value the callback, called with the reconciler's lock held; keep it short
     * @return this builder
     */
    public InClusterApplicationSets onStatus(Consumer<String> value) {
        this.statusChanged = Objects.requireNonNull(value, "onStatus");
        return this;
    }

    /**
     * What an update of each set's Applications keeps of the objects in the cluster: its
     * {@code preservedFields} and {@code ignoreApplicationDifferences} (default: nothing).
     *
     * @param value from a set's {@code namespace/name} to its rules, asked at every update
     * @return this builder
     */
    public InClusterApplicationSets updateRules(Function<String, ApplicationUpdateRules> value) {
        this.updateRules = Objects.requireNonNull(value, "updateRules");
        return this;
    }

    /**
     * Whether the reconciler may write now (default: always): checked before every write of an
     * Application and every sync, so a controller that stopped leading writes nothing more, even
     * in the middle of a generation.
     *
     * @param value true while this controller reconciles the sets
     * @return this builder
     */
    public InClusterApplicationSets writing(BooleanSupplier value) {
        this.writing = Objects.requireNonNull(value, "writing");
        return this;
    }

    /**
     * @return the reconciler
     * @throws IllegalStateException when no scheduler was given
     */
    public ApplicationSetReconciler build() {
        ControllerScheduler timers = scheduler.orElseThrow(() -> new IllegalStateException(
                "an ApplicationSet reconciler in a cluster needs a scheduler"));
        return new ApplicationSetReconciler(new ClusterSetApplications(cluster, engine, engineNames, updateRules, writing), generator, timers,
                clock, gitRequeue, checkInterval, git, statusChanged);
    }
}
