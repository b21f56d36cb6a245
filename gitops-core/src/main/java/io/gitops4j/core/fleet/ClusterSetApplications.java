package io.gitops4j.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.UnknownApplicationException;
import io.gitops4j.core.model.Applications;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.k8s.sync.SyncRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BinaryOperator;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Applications of ApplicationSets in controller mode: {@code argoproj.io/v1alpha1} Application
 * objects in the set's namespace, created, updated and deleted as Argo CD's applicationset-controller
 * does, and owned through a controller {@code ownerReference} to the set, so ownership lives in the
 * cluster and survives a restart. An update replaces the spec, labels, annotations and finalizers
 * with the generated ones, keeping the annotations and finalizers Argo CD keeps (the refresh and
 * notification annotations, the application controller's own {@code gitops4j.io/} ones; the pre- and
 * post-delete finalizers), and the set's {@code preservedFields} and
 * {@code ignoreApplicationDifferences} ({@link ApplicationUpdateRules}); one that would change
 * nothing writes nothing. Thread-safe: every call reads the cluster.
 */
final class ClusterSetApplications implements SetApplications {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSetApplications.class);

    /** Annotations Argo CD keeps on an update: notifications' state, a refresh or hydrate asked for. */
    private static final List<String> PRESERVED_ANNOTATIONS = List.of("notified.notifications.argoproj.io",
            "argocd.argoproj.io/refresh", "argocd.argoproj.io/hydrate");
    /** The application controller's own bookkeeping in the object (its last sync attempt), kept as well. */
    private static final String CONTROLLER_ANNOTATIONS = "gitops4j.io/";
    /** Finalizers Argo CD keeps on an update (prefixes: they may carry a stage after a slash). */
    private static final List<String> PRESERVED_FINALIZERS = List.of("pre-delete-finalizer.argocd.argoproj.io",
            "post-delete-finalizer.argocd.argoproj.io");
    private static final int ATTEMPTS = 5;

    private final Cluster cluster;
    private final ApplicationController engine;
    private final BinaryOperator<String> engineNames;
    private final Function<String, ApplicationUpdateRules> updateRules;
    private final BooleanSupplier writing;

    ClusterSetApplications(Cluster cluster, ApplicationController engine, BinaryOperator<String> engineNames,
            Function<String, ApplicationUpdateRules> updateRules, BooleanSupplier writing) {
        this.cluster = cluster;
        this.engine = engine;
        this.engineNames = engineNames;
        this.updateRules = updateRules;
        this.writing = writing;
    }

    private ResourceType type() {
        return cluster.resourceType(Applications.API_VERSION, "Application").orElseThrow(() -> new ClusterException(404,
                "the cluster serves no " + Applications.API_VERSION + " Application; install Argo CD's "
                        + "CustomResourceDefinitions"));
    }

    @Override
    public Set<String> registeredNow() {
        return Set.of();
    }

    @Override
    public OwnedApplications.Result upsert(Owner owner, FleetApplication desired, ObjectNode manifest,
            boolean allowUpdate, Set<String> registered) {
        String name = KubernetesObjects.name(manifest);
        String namespace = namespace(owner);
        manifest.with("metadata").put("namespace", namespace);
        if (!writing.getAsBoolean()) {
            return new OwnedApplications.Result(OwnedApplications.Outcome.SKIPPED, "application " + name
                    + " is not written: this controller stopped reconciling the sets (another replica leads)");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return upsertOnce(owner, name, namespace, manifest, allowUpdate);
            } catch (ClusterException e) {
                if (e.code() != 409 || attempt >= ATTEMPTS) {
                    LOG.warn("{}: cannot write Application {}/{}: {}", owner, namespace, name, e.getMessage());
                    return new OwnedApplications.Result(OwnedApplications.Outcome.SKIPPED, "application " + name
                            + " cannot be written: " + e.getMessage());
                }
            }
        }
    }

    private OwnedApplications.Result upsertOnce(Owner owner, String name, String namespace, ObjectNode manifest,
            boolean allowUpdate) {
        Optional<ObjectNode> current = cluster.get(type(), namespace, name);
        if (current.isEmpty()) {
            cluster.create(manifest);
            return new OwnedApplications.Result(OwnedApplications.Outcome.CREATED, "");
        }
        ObjectNode live = current.get();
        if (live.path("metadata").has("deletionTimestamp")) {
            return new OwnedApplications.Result(OwnedApplications.Outcome.SKIPPED, "application " + name
                    + " is still being deleted");
        }
        if (!owns(owner, live)) {
            return new OwnedApplications.Result(OwnedApplications.Outcome.SKIPPED, "application " + name
                    + " exists and was not created by " + owner + "; it is not taken over");
        }
        ApplicationUpdateRules rules = updateRules.apply(owner.name());
        ObjectNode merged = rules.keepIgnored(live, merged(live, manifest, rules));
        if (merged.equals(live)) {
            return new OwnedApplications.Result(OwnedApplications.Outcome.UNCHANGED, "");
        }
        if (!allowUpdate) {
            return new OwnedApplications.Result(OwnedApplications.Outcome.SKIPPED, "application " + name
                    + " differs from what " + owner + " generates; its policy does not update");
        }
        cluster.update(merged);
        return new OwnedApplications.Result(OwnedApplications.Outcome.UPDATED, "");
    }

    /**
     * The live object with the generated spec, labels, annotations, finalizers and owner reference;
     * the preserved annotations and labels of the set keep their live values.
     */
    private static ObjectNode merged(ObjectNode live, ObjectNode manifest, ApplicationUpdateRules rules) {
        ObjectNode merged = live.deepCopy();
        merged.set("spec", manifest.path("spec").deepCopy());
        ObjectNode metadata = merged.with("metadata");
        JsonNode generated = manifest.path("metadata");
        replace(metadata, "labels", generated.path("labels").deepCopy());
        ObjectNode annotations = generated.path("annotations").isObject()
                ? ((ObjectNode) generated.get("annotations")).deepCopy() : merged.objectNode();
        live.path("metadata").path("annotations").fields().forEachRemaining(annotation -> {
            if (PRESERVED_ANNOTATIONS.contains(annotation.getKey())
                    || annotation.getKey().startsWith(CONTROLLER_ANNOTATIONS)) {
                annotations.set(annotation.getKey(), annotation.getValue());
            }
        });
        replace(metadata, "annotations", annotations);
        rules.preserve(live, metadata);
        ArrayNode finalizers = generated.path("finalizers").isArray()
                ? ((ArrayNode) generated.get("finalizers")).deepCopy() : merged.arrayNode();
        for (JsonNode finalizer : live.path("metadata").path("finalizers")) {
            if (PRESERVED_FINALIZERS.stream().anyMatch(prefix -> finalizer.asText().startsWith(prefix))) {
                finalizers.add(finalizer);
            }
        }
        replace(metadata, "finalizers", finalizers);
        ArrayNode owners = merged.arrayNode();
        for (JsonNode reference : live.path("metadata").path("ownerReferences")) {
            if (!reference.path("controller").asBoolean(false)) {
                owners.add(reference);
            }
        }
        generated.path("ownerReferences").forEach(owners::add);
        replace(metadata, "ownerReferences", owners);
        return merged;
    }

    private static void replace(ObjectNode metadata, String field, JsonNode value) {
        if (value.isMissingNode() || value.isNull() || value.isEmpty()) {
            metadata.remove(field);
        } else {
            metadata.set(field, value);
        }
    }

    @Override
    public List<String> ownedBy(Owner owner) {
        List<String> names = new ArrayList<>();
        for (ObjectNode object : cluster.list(type(), ListOptions.inNamespace(namespace(owner)))) {
            if (owns(owner, object)) {
                names.add(KubernetesObjects.name(object));
            }
        }
        names.sort(null);
        return names;
    }

    @Override
    public Optional<FleetApplication> registered(Owner owner, String name) {
        Optional<ObjectNode> object = cluster.get(type(), namespace(owner), name).filter(o -> owns(owner, o));
        if (object.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FleetApplication.of(Applications.fromObject(object.get(), namespace(owner) + "/" + name),
                    object.get()));
        } catch (GitOpsException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public CompletableFuture<Void> delete(Owner owner, String name) {
        String namespace = namespace(owner);
        Optional<ObjectNode> object = cluster.get(type(), namespace, name);
        if (object.isPresent() && owns(owner, object.get()) && writing.getAsBoolean()) {
            LOG.info("{}: deleting Application {}/{} (its finalizers say what becomes of its resources)", owner,
                    namespace, name);
            cluster.delete(type(), namespace, name);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Optional<ApplicationStatus> status(Owner owner, String name) {
        try {
            return Optional.of(engine.status(engineNames.apply(namespace(owner), name)));
        } catch (UnknownApplicationException e) {
            return Optional.empty();
        }
    }

    @Override
    public void sync(Owner owner, String name, SyncRequest request) {
        if (!writing.getAsBoolean()) {
            return;   // no longer the sets' controller: the next leader's rollout syncs it
        }
        engine.sync(engineNames.apply(namespace(owner), name), request);
    }

    /** Whether the object names the set as its controller, as {@code metav1.IsControlledBy} asks. */
    private static boolean owns(Owner owner, JsonNode object) {
        String setName = setName(owner);
        for (JsonNode reference : object.path("metadata").path("ownerReferences")) {
            if (reference.path("kind").asText().equals("ApplicationSet")
                    && reference.path("apiVersion").asText().startsWith("argoproj.io/")
                    && reference.path("name").asText().equals(setName)
                    && reference.path("controller").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    private static String namespace(Owner owner) {
        int slash = owner.name().indexOf('/');
        return slash < 0 ? "" : owner.name().substring(0, slash);
    }

    private static String setName(Owner owner) {
        int slash = owner.name().indexOf('/');
        return slash < 0 ? owner.name() : owner.name().substring(slash + 1);
    }
}
