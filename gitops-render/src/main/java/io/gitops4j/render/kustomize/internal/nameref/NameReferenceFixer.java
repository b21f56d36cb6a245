package io.gitops4j.render.kustomize.internal.nameref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gitops4j.kube.YamlFields;
import io.gitops4j.render.kustomize.internal.resource.ClusterScope;
import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.FieldWalker;
import io.gitops4j.render.kustomize.internal.resource.Gvk;
import io.gitops4j.render.kustomize.internal.resource.ResId;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import io.gitops4j.render.kustomize.internal.resource.TransformerConfig.NameReference;
import io.gitops4j.render.kustomize.internal.resource.TransformerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rewrites references to objects that were renamed during the build (prefix, suffix, namespace,
 * hash suffix, a patch): a Deployment's {@code configMapRef} to {@code app-config} follows the
 * ConfigMap to {@code prod-app-config-5g7b8k2}. The places that hold references come from the
 * {@code nameReference} configuration.
 *
 * <p>A reference is rewritten when exactly one renamed object of the referenced type once had
 * that name and is visible from the referrer (same namespace, cluster-scoped, or a
 * ServiceAccount); among several, the one given the same name prefixes and suffixes as the
 * referrer (equally named objects of different bases); several left with different names are an
 * error, as in Kustomize.
 */
public final class NameReferenceFixer {

    private final ResMap resources;

    private NameReferenceFixer(ResMap resources) {
        this.resources = resources;
    }

    /** Fixes every reference in the build. */
    public static void apply(ResMap resources, TransformerConfig config) {
        NameReferenceFixer fixer = new NameReferenceFixer(resources);
        resources.resources().forEach(NameReferenceFixer::checkSubjectNamespaces);
        for (NameReference reference : config.nameReferences()) {
            for (Resource referrer : resources.resources()) {
                for (FieldSpec spec : reference.referrers()) {
                    FieldWalker.walkExisting(referrer.object(), spec,
                            (parent, field) -> fixer.fix(parent, field, referrer, reference.target(), spec));
                }
            }
        }
    }

    private void fix(ObjectNode parent, String field, Resource referrer, Gvk target, FieldSpec spec) {
        JsonNode value = parent.get(field);
        if (YamlFields.isAbsent(value)) {
            return;
        }
        boolean roleRef = spec.path().equals("roleRef/name");
        if (value.isTextual()) {
            selectReferral(value.asText(), resources.resources(), referrer, target, roleRef ? parent : null, false)
                    .ifPresent(found -> parent.put(field, found.name()));
        } else if (value instanceof ObjectNode map) {
            fixMapping(map, referrer, target);
        } else if (value instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                if (item.isTextual()) {
                    int index = i;
                    selectReferral(item.asText(), resources.resources(), referrer, target, null, false)
                            .ifPresent(found -> list.set(index, TextNode.valueOf(found.name())));
                } else if (item instanceof ObjectNode map) {
                    fixMapping(map, referrer, target);
                }
            }
        }
    }

    /** A mapping with {@code name} and maybe {@code namespace}: a role binding subject, a webhook service. */
    private void fixMapping(ObjectNode map, Resource referrer, Gvk target) {
        if (!map.path("name").isTextual()) {
            return;
        }
        if (map.has("kind") && !map.path("kind").asText().equals(target.kind())) {
            return;
        }
        List<Resource> candidates = resources.resources();
        if (map.path("namespace").isTextual()) {
            String namespace = map.get("namespace").asText().isEmpty() ? "default" : map.get("namespace").asText();
            List<Resource> byOriginal = candidates.stream()
                    .filter(r -> r.originalId().effectiveNamespace().equals(namespace)).toList();
            candidates = !byOriginal.isEmpty() ? byOriginal
                    : candidates.stream().filter(r -> r.currentId().effectiveNamespace().equals(namespace)).toList();
        }
        selectReferral(map.get("name").asText(), candidates, referrer, target, null, true).ifPresent(found -> {
            map.put("name", found.name());
            if (!found.namespace().isEmpty()) {
                map.put("namespace", found.namespace());
            }
        });
    }

    /**
     * The object a name refers to. Several left after the filters are one when they are the same
     * object for the referrer: same name, and for a mapping ({@code withNamespace}, whose
     * namespace is rewritten too) same namespace; otherwise an error, as in Kustomize.
     */
    private Optional<Resource> selectReferral(String oldName, List<Resource> all, Resource referrer,
            Gvk target, ObjectNode roleRef, boolean withNamespace) {
        List<Resource> candidates = new ArrayList<>();
        for (Resource candidate : all) {
            if (candidate.previousIds().stream().noneMatch(id -> id.name().equals(oldName))) {
                continue;
            }
            if (candidate.allIds().stream().noneMatch(id -> target.selects(new Gvk(id.group(), id.version(), id.kind())))) {
                continue;
            }
            if (roleRef != null && !candidate.kind().equals(roleRef.path("kind").asText())) {
                continue;
            }
            if (!visibleFrom(candidate, referrer)) {
                continue;
            }
            candidates.add(candidate);
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (candidates.size() > 1) {
            candidates = candidates.stream().filter(c -> c.compatibleAffixesWith(referrer)).toList();
        }
        if (candidates.size() > 1) {
            candidates = candidates.stream().filter(c -> c.sameAffixesAs(referrer)).toList();
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (candidates.size() == 1 || candidates.stream()
                .map(r -> withNamespace ? r.name() + "." + r.namespace() : r.name()).distinct().count() == 1) {
            return Optional.of(candidates.get(0));
        }
        throw new IllegalArgumentException("found multiple possible referrals: "
                + candidates.stream().map(r -> r.originalId().toString()).toList() + " for the name " + oldName
                + " in " + referrer.currentId());
    }

    /**
     * Kustomize refuses a RoleBinding whose ServiceAccount subject has a {@code namespace} key
     * without a string value ({@code namespace:} left empty), as it cannot tell where to look.
     */
    private static void checkSubjectNamespaces(Resource resource) {
        if (!resource.kind().equals("RoleBinding")) {
            return;
        }
        for (JsonNode subject : resource.object().path("subjects")) {
            if (subject.has("namespace") && subject.path("kind").asText("").equals("ServiceAccount")
                    && !subject.get("namespace").isTextual()) {
                throw new IllegalArgumentException("Invalid Input: namespace is blank for resource \""
                        + resource.currentId() + "\"; give the ServiceAccount subject a namespace or remove the key");
            }
        }
    }

    private static boolean visibleFrom(Resource candidate, Resource referrer) {
        ResId referrerId = referrer.currentId();
        if (ClusterScope.isClusterScoped(referrerId)) {
            return true;
        }
        ResId candidateId = candidate.currentId();
        if (ClusterScope.isClusterScoped(candidateId) || candidate.kind().equals("ServiceAccount")) {
            return true;
        }
        return Objects.equals(referrerId.effectiveNamespace(), candidateId.effectiveNamespace());
    }
}
