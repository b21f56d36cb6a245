package io.gitops4j.diff.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.diff.schema.ObjectType;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The fields a Kubernetes API server fills in when an object of a built-in kind is written:
 * defaulting functions plus the defaults of the standard admission plugins and registries.
 * A Deployment gets its rolling-update strategy, revision history limit and progress deadline;
 * every pod template gets its restart and DNS policies, scheduler, grace period and security
 * context; every container its termination message path and policy, image pull policy
 * ({@code Always} for {@code :latest} or no tag) and TCP ports; a Service its type, session
 * affinity, target ports, traffic policies and a single-stack IPv4 family; and so on for
 * StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs, Pods, Namespaces, Secrets, volume
 * claims, network policies, autoscalers, RBAC bindings, storage and priority classes, webhooks
 * and CRDs.
 *
 * <p>Quantities are rewritten as the server stores them ({@code 500Mi}, {@code 1}, {@code 100m}).
 * Fields the server allocates (cluster IPs, node ports, uids, timestamps) are not defaults and
 * are not set. Custom resources are returned unchanged.
 *
 * <pre>{@code
 * ObjectNode stored = ServerDefaults.apply(desired);   // what a real API server would store
 * }</pre>
 */
public final class ServerDefaults {

    private static final Map<String, Consumer<ObjectNode>> BY_GROUP_KIND = Map.ofEntries(
            Map.entry("apps/Deployment", AppsDefaults::deployment),
            Map.entry("apps/StatefulSet", AppsDefaults::statefulSet),
            Map.entry("apps/DaemonSet", AppsDefaults::daemonSet),
            Map.entry("apps/ReplicaSet", AppsDefaults::replicaSet),
            Map.entry("/ReplicationController", AppsDefaults::replicationController),
            Map.entry("batch/Job", BatchDefaults::job),
            Map.entry("batch/CronJob", BatchDefaults::cronJob),
            Map.entry("/Pod", CoreDefaults::pod),
            Map.entry("/PodTemplate", CoreDefaults::podTemplate),
            Map.entry("/Service", CoreDefaults::service),
            Map.entry("/Namespace", CoreDefaults::namespace),
            Map.entry("/Secret", CoreDefaults::secret),
            Map.entry("/PersistentVolumeClaim", CoreDefaults::persistentVolumeClaim),
            Map.entry("/PersistentVolume", CoreDefaults::persistentVolume),
            Map.entry("/Endpoints", CoreDefaults::endpoints),
            Map.entry("networking.k8s.io/NetworkPolicy", PlatformDefaults::networkPolicy),
            Map.entry("autoscaling/HorizontalPodAutoscaler", PlatformDefaults::horizontalPodAutoscaler),
            Map.entry("rbac.authorization.k8s.io/RoleBinding", PlatformDefaults::binding),
            Map.entry("rbac.authorization.k8s.io/ClusterRoleBinding", PlatformDefaults::binding),
            Map.entry("scheduling.k8s.io/PriorityClass", PlatformDefaults::priorityClass),
            Map.entry("storage.k8s.io/StorageClass", PlatformDefaults::storageClass),
            Map.entry("storage.k8s.io/CSIDriver", PlatformDefaults::csiDriver),
            Map.entry("admissionregistration.k8s.io/MutatingWebhookConfiguration", PlatformDefaults::webhookConfiguration),
            Map.entry("admissionregistration.k8s.io/ValidatingWebhookConfiguration", PlatformDefaults::webhookConfiguration),
            Map.entry("apiextensions.k8s.io/CustomResourceDefinition", PlatformDefaults::customResourceDefinition));

    private ServerDefaults() {
    }

    /**
     * A copy of {@code object} with the server's defaults filled in where it sets nothing, and
     * its quantities in the server's canonical form ({@code 1000m} becomes {@code 1}).
     *
     * @param object a Kubernetes object; not changed
     * @return the defaulted copy
     */
    public static ObjectNode apply(ObjectNode object) {
        return applyInPlace(object.deepCopy());
    }

    /**
     * As {@link #apply}, on {@code object} itself rather than a copy: for a caller that owns the
     * whole tree (no node of it is shared with another object), as an API server owns the object
     * it decoded from a request. Saves the copy of every node.
     *
     *
     * @param object a Kubernetes object, changed in place
     * @return {@code object}, defaulted
     */
    public static ObjectNode applyInPlace(ObjectNode object) {
        Consumer<ObjectNode> defaulter = BY_GROUP_KIND.get(groupKind(object));
        if (defaulter != null) {
            defaulter.accept(object);
        }
        ObjectType type = KubernetesSchema.builtIn().typeOf(object);
        if (!type.isUntyped()) {
            Quantities.canonicalize(object, type);
        }
        return object;
    }

    /**
     * A copy of {@code object} with the server's defaults filled in, values left as written
     * (cheaper than {@link #apply} where only the presence of fields matters, as in a diff).
     *
     * @param object a Kubernetes object; not changed
     * @return the defaulted copy
     */
    public static ObjectNode fillDefaults(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        Consumer<ObjectNode> defaulter = BY_GROUP_KIND.get(groupKind(object));
        if (defaulter != null) {
            defaulter.accept(copy);
        }
        return copy;
    }

    /**
     * Whether GitOps4J knows the defaults of a kind.
     *
     * @param apiVersion the object's {@code apiVersion}
     * @param kind the object's kind
     * @return whether {@link #apply} fills in defaults for it
     */
    public static boolean knows(String apiVersion, String kind) {
        return BY_GROUP_KIND.containsKey(GroupVersion.parse(apiVersion).group() + "/" + kind);
    }

    private static String groupKind(ObjectNode object) {
        return GroupVersion.parse(object.path("apiVersion").asText("")).group() + "/" + object.path("kind").asText("");
    }
}
