package io.gitops4j.render.kustomize.internal.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.patch.JsonPatch;
import io.gitops4j.diff.patch.PatchException;
import io.gitops4j.diff.patch.StrategicMergePatch;
import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.YamlReader;
import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import io.gitops4j.render.kustomize.internal.model.PatchEntry;
import io.gitops4j.render.kustomize.internal.resource.ResId;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * What the three patch transformers share: loads a patch (a file or inline text), decides its
 * kind (a list of operations is JSON 6902, anything else a strategic merge patch) and applies it
 * to its targets with gitops-diff's {@link JsonPatch} and {@link StrategicMergePatch} (Kustomize's
 * variant, where {@code $patch: delete} removes).
 */
final class Patches {

    /**
     * A patch entry with its documents read.
     *
     * @param entry the entry: target and options
     * @param source the file, or {@code inline patch}, for messages
     * @param documents the patch's YAML documents
     */
    record Loaded(PatchEntry entry, String source, List<JsonNode> documents) {
    }

    private final ResMap resources;
    private final KubernetesSchema schema;

    private Patches(ResMap resources, KubernetesSchema schema) {
        this.resources = resources;
        this.schema = schema;
    }

    /**
     * Reads a patch entry's file or inline text.
     *
     * @throws IllegalArgumentException when the file is missing or the patch is not valid YAML or empty
     */
    static Loaded load(PatchEntry entry, KustomizationFiles files) {
        String source = entry.path().isEmpty() ? "inline patch" : entry.path();
        String text = entry.path().isEmpty() ? entry.inline() : files.readText(entry.path());
        return new Loaded(entry, source, readDocuments(text, source));
    }

    /**
     * Applies a loaded patch.
     *
     * @param json6902Only whether the patch must be a list of JSON 6902 operations
     * @param schema the merge keys of strategic merge patches
     */
    static void apply(ResMap resources, Loaded patch, boolean json6902Only, KubernetesSchema schema) {
        new Patches(resources, schema).apply(patch.entry(), patch.source(), patch.documents(), json6902Only);
    }

    private void apply(PatchEntry entry, String source, List<JsonNode> documents, boolean json6902Only) {
        if (documents.size() == 1 && documents.get(0) instanceof ArrayNode operations) {
            List<Resource> targets = entry.target().map(t -> TargetSelection.select(resources, t))
                    .orElseThrow(() -> new IllegalArgumentException("must specify a target for JSON patch " + source));
            for (Resource target : targets) {
                try {
                    target.replaceObject(JsonPatch.apply(target.object(), operations));
                } catch (PatchException e) {
                    throw new IllegalArgumentException("JSON patch " + source + ": " + e.getMessage(), e);
                }
            }
            return;
        }
        if (json6902Only) {
            throw new IllegalArgumentException("the patchesJson6902 patch " + source + " is not a list of JSON 6902 operations");
        }
        for (JsonNode document : documents) {
            if (!(document instanceof ObjectNode patch)) {
                throw new IllegalArgumentException("the patch " + source + " must be a mapping (a strategic merge patch) "
                        + "or a list of JSON 6902 operations");
            }
            applyStrategicMerge(patch, entry, source);
        }
    }

    private void applyStrategicMerge(ObjectNode patch, PatchEntry entry, String source) {
        List<Resource> targets;
        if (entry.target().isPresent()) {
            targets = TargetSelection.select(resources, entry.target().get());
        } else {
            ResId id = ResId.of(patch);
            targets = resources.matchingAnyId(id::sameAs);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("no resource matches strategic merge patch \"" + id + "\" in " + source);
            }
            if (targets.size() > 1) {
                throw new IllegalArgumentException("multiple resources match strategic merge patch \"" + id + "\" in "
                        + source + ": " + targets);
            }
        }
        for (Resource target : new ArrayList<>(targets)) {
            ObjectNode copy = patch.deepCopy();
            if (entry.target().isPresent()) {
                copy.put("apiVersion", target.object().path("apiVersion").asText());
                if (!copy.path("kind").isTextual()) {
                    copy.put("kind", target.kind());
                }
                ObjectNode metadata = KubernetesObjects.metadata(copy);
                if (!metadata.path("name").isTextual()) {
                    metadata.put("name", target.name());
                }
                metadata.remove("namespace");
            }
            String name = target.name();
            String namespace = target.namespace();
            String kind = target.kind();
            ObjectNode result;
            try {
                result = StrategicMergePatch.applyLikeKustomize(target.object(), copy, schema);
            } catch (PatchException e) {
                throw new IllegalArgumentException("strategic merge patch " + source + ": " + e.getMessage(), e);
            }
            if (result.isEmpty()) {
                resources.remove(target); // $patch: delete
                continue;
            }
            if (!entry.allowKindChange()) {
                result.put("kind", kind);
            }
            if (!entry.allowNameChange()) {
                KubernetesObjects.metadata(result).put("name", name);
            }
            if (namespace.isEmpty()) {
                KubernetesObjects.metadata(result).remove("namespace");
            } else {
                KubernetesObjects.metadata(result).put("namespace", namespace);
            }
            target.replaceObject(result);
        }
    }

    private static List<JsonNode> readDocuments(String text, String source) {
        List<JsonNode> documents;
        try {
            documents = YamlReader.kyaml().readValues(text, source);
        } catch (ManifestException e) {
            throw new IllegalArgumentException("the patch is not valid YAML: " + e.getMessage(), e);
        }
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("the patch " + source + " is empty");
        }
        return documents;
    }
}
