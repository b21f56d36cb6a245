package io.gitops4j.k8s.health.assessor;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.cluster.BuiltInResourceTypes;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.k8s.health.ApplicationHealth;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import io.gitops4j.k8s.health.ManagedResource;
import io.gitops4j.k8s.health.builtin.BuiltInHealthChecks;
import io.gitops4j.k8s.health.builtin.KStatusHealth;
import io.gitops4j.k8s.health.lua.HealthScripts;
import io.gitops4j.k8s.health.lua.LuaHealthChecks;
import io.gitops4j.k8s.health.lua.LuaLimits;
import io.gitops4j.k8s.hooks.Hooks;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.KubernetesObjects;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges the health of live Kubernetes objects and of applications, as Argo CD does.
 *
 * <pre>{@code
 * HealthAssessor health = HealthAssessor.builder()
 *         .luaDirectory(Path.of("resource_customizations"))   // Argo CD's folder layout
 *         .build();
 * Optional<Health> verdict = health.assess(liveObject);       // empty: the kind has no health
 * }</pre>
 *
 * <p>For one object, the first of these that applies decides:
 * <ol>
 *   <li>an object being deleted is {@code Progressing} ("Pending deletion"), unless it only
 *       waits for Argo CD's hook finalizer;</li>
 *   <li>a check registered with {@link Builder#check};</li>
 *   <li>a Lua health script for its group and kind (inline configuration first, then the Lua
 *       folders; see {@link HealthScripts});</li>
 *   <li>the built-in check for its kind (Deployment, StatefulSet, DaemonSet, ReplicaSet, Pod,
 *       Job, CronJob, PersistentVolumeClaim, Service, Ingress, HorizontalPodAutoscaler,
 *       APIService, Argo Workflow; Argo CD Application only with
 *       {@link Builder#childApplicationHealth});</li>
 *   <li>for a custom resource, kstatus rules ({@link KStatusHealth}).</li>
 * </ol>
 * Anything else has no health. A check that fails is {@code Unknown} with its error.
 *
 * <p>Immutable and thread-safe; Lua scripts are compiled once and shared.
 */
public final class HealthAssessor {

    /** The time limit of one Lua script run, as in Argo CD. */
    public static final Duration DEFAULT_LUA_TIMEOUT = LuaLimits.DEFAULT_TIMEOUT;
    /** How many bytes one Lua script run may allocate (64 MiB; Argo CD has no such limit). */
    public static final long DEFAULT_LUA_MEMORY_LIMIT = LuaLimits.DEFAULT_MEMORY_BYTES;

    private static final Set<String> BUILT_IN_GROUPS = BuiltInResourceTypes.all().stream()
            .map(ResourceType::group).collect(Collectors.toUnmodifiableSet());
    private static final HealthCheck KSTATUS = new KStatusHealth();
    private static final String ARGO_APPLICATION = "argoproj.io/Application";

    private final Map<String, HealthCheck> customChecks;
    private final LuaHealthChecks lua;
    private final boolean kstatus;
    private final boolean childApplicationHealth;

    private HealthAssessor(Builder builder) {
        this.customChecks = Map.copyOf(builder.customChecks);
        this.childApplicationHealth = builder.childApplicationHealth;
        this.lua = new LuaHealthChecks(builder.scripts.build(), builder.clock, builder.luaLimits);
        this.kstatus = builder.kstatus;
    }

    /**
     * Built-in checks and kstatus, no Lua scripts.
     *
     * @return the assessor
     */
    public static HealthAssessor defaults() {
        return builder().build();
    }

    /**
     * Starts configuring an assessor: built-in checks and kstatus, no Lua scripts, until told otherwise.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The health of one live object.
     *
     * @param live the object as the cluster returns it, status included
     * @return its health, or empty when its kind has no health
     */
    public Optional<Health> assess(JsonNode live) {
        if (live.path("metadata").hasNonNull("deletionTimestamp") && !Hooks.hasHookFinalizer(live)) {
            return Optional.of(Health.progressing("Pending deletion"));
        }
        String group = GroupVersion.parse(KubernetesObjects.apiVersion(live)).group();
        String kind = KubernetesObjects.kind(live);
        String groupKind = group + "/" + kind;
        Optional<HealthCheck> check = Optional.ofNullable(customChecks.get(groupKind))
                .or(() -> lua.forKind(group, kind))
                .or(() -> builtIn(group, kind))
                .or(() -> kstatus && !BUILT_IN_GROUPS.contains(group) && !groupKind.equals(ARGO_APPLICATION)
                        ? Optional.of(KSTATUS) : Optional.empty());
        if (check.isEmpty()) {
            return Optional.empty();
        }
        try {
            return check.get().check(live);
        } catch (RuntimeException e) {
            return Optional.of(Health.unknown(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private Optional<HealthCheck> builtIn(String group, String kind) {
        if (childApplicationHealth && (group + "/" + kind).equals(ARGO_APPLICATION)) {
            return Optional.of(BuiltInHealthChecks.argoApplication());
        }
        return BuiltInHealthChecks.forKind(group, kind);
    }

    /**
     * The health of an application from its resources, as Argo CD aggregates it: the worst
     * health wins; hooks, resources annotated {@code argocd.argoproj.io/ignore-healthcheck: "true"},
     * and the application's own Application object do not count; missing resources make the
     * application {@code Missing} only when every resource is missing.
     *
     *
     * @param appName the application, so that an Application object for itself is ignored
     * @param resources its resources, desired and live
     * @return the application's health and that of each resource
     */
    public ApplicationHealth assessApplication(String appName, List<ManagedResource> resources) {
        return ApplicationHealthAggregation.aggregate(appName, resources, this::assess);
    }

    /** Configures a {@link HealthAssessor}; every setting has a default. */
    public static final class Builder {
        private final Map<String, HealthCheck> customChecks = new HashMap<>();
        private final HealthScripts.Builder scripts = HealthScripts.builder();
        private Clock clock = Clock.systemUTC();
        private LuaLimits luaLimits = LuaLimits.DEFAULT;
        private boolean kstatus = true;
        private boolean childApplicationHealth;

        private Builder() {
        }

        /**
         * Adds the Lua health scripts of a folder laid out as Argo CD's
         * {@code resource_customizations} ({@code <group>/<kind>/health.lua}; {@code _} is a
         * wildcard). May be called for several folders; earlier folders win.
         *
         *
         * @param folder the folder
         * @return this builder
         * @throws io.gitops4j.k8s.health.lua.HealthScriptException when the folder does not exist
         */
        public Builder luaDirectory(Path folder) {
            scripts.directory(folder);
            return this;
        }

        /**
         * Adds a Lua health script for {@code group/Kind} ({@code Kind} alone for the core group; {@code *} wildcards allowed).
         *
         * @param groupKind the key, such as {@code cert-manager.io/Certificate}, {@code Pod} or
         *     {@code *.crossplane.io/*}
         * @param script the Lua source
         * @return this builder
         */
        public Builder luaScript(String groupKind, String script) {
            scripts.script(groupKind, script);
            return this;
        }

        /**
         * Adds the health scripts of an Argo CD {@code argocd-cm} ConfigMap's data:
         * {@code resource.customizations.health.<group>_<kind>} keys and
         * {@code resource.customizations}.
         *
         * @param configMapData the ConfigMap's {@code data}; other keys are ignored
         * @return this builder
         */
        public Builder argoCdConfig(Map<String, String> configMapData) {
            scripts.argoCdConfig(configMapData);
            return this;
        }

        /**
         * Replaces the health check of a group ({@code ""} for core) and kind with your own.
         *
         * @param group the API group
         * @param kind the kind
         * @param check the check
         * @return this builder
         */
        public Builder check(String group, String kind, HealthCheck check) {
            customChecks.put(group + "/" + kind, Objects.requireNonNull(check, "check"));
            return this;
        }

        /**
         * The time limit of one Lua script run, Java-side work of the Lua library included
         * (default one second, as in Argo CD).
         *
         * @param timeout the time limit, positive
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder luaTimeout(Duration timeout) {
            this.luaLimits = luaLimits.withTimeout(timeout);
            return this;
        }

        /**
         * How many bytes one Lua script run may allocate, strings, tables and everything else
         * together (default 64 MiB; Argo CD has no such limit). A run past it is stopped and its
         * object's health is {@code Unknown} with a message that says so.
         *
         * @param bytes the limit, in bytes, positive
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is not positive
         */
        public Builder luaMemoryLimit(long bytes) {
            this.luaLimits = luaLimits.withMemoryBytes(bytes);
            return this;
        }

        /**
         * What Lua's {@code os.time()} and {@code os.date()} call now (default: the system clock).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Whether {@code argoproj.io/Application} objects, the children of an app-of-apps, are
         * judged by the health they report in {@code status.health} (default false). Argo CD
         * gives them no health unless {@code argocd-cm} holds
         * {@code resource.customizations.health.argoproj.io_Application} with the check its
         * documentation gives; this switch is that check, so a parent's sync waves can wait for
         * its children. A Lua script or a {@link #check} for the kind still wins over it.
         *
         * @param enabled whether to judge them by their reported health
         * @return this builder
         */
        public Builder childApplicationHealth(boolean enabled) {
            this.childApplicationHealth = enabled;
            return this;
        }

        /**
         * Whether custom resources without a script or check get kstatus health (default true);
         * never {@code argoproj.io/Application}, which has no health unless
         * {@link #childApplicationHealth} says so.
         *
         * @param enabled whether to use kstatus
         * @return this builder
         */
        public Builder kstatus(boolean enabled) {
            this.kstatus = enabled;
            return this;
        }

        /**
         * An assessor with these settings.
         *
         * @return the assessor
         */
        public HealthAssessor build() {
            return new HealthAssessor(this);
        }
    }
}
