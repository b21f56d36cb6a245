package io.gitops4j.render.kustomize.internal.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.diff.schema.ObjectType;
import io.gitops4j.diff.schema.OpenApiDefinitions;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.YamlReader;
import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema one build's strategic merge patches use, chosen by the {@code openapi} fields of its
 * kustomizations as Kustomize chooses it: the top kustomization's field first; else the first
 * kustomization (base or component, in the order they are accumulated) that has one; once chosen,
 * later fields are ignored. {@code openapi: {version: v1.21.2}} is the built-in schema (the only
 * version Kustomize v5.7.1 has). {@code openapi: {path: schema.json}} is a custom OpenAPI v2
 * document (JSON or YAML) whose kinds' lists merge by key. Like Kustomize, whose schema is one
 * table filled as it is first needed, the custom document replaces the built-in kinds (a
 * Deployment's containers are then replaced, not merged by name) unless the build had already
 * used the built-in table before the field was read: a strategic merge patch applied, or an object
 * of a kind the table does not know loaded (Kustomize then looks up its scope); then the built-in
 * kinds and definitions stay and take precedence. Mutable, one per build.
 */
public final class PatchSchema {

    /** The only built-in OpenAPI version of Kustomize v5.7.1 (its default). */
    public static final String BUILT_IN_VERSION = "v1.21.2";
    /** The largest custom schema file accepted (Kubernetes' own full document is about 4 MiB). */
    public static final long MAX_SCHEMA_BYTES = 16L << 20;

    private KubernetesSchema schema = KubernetesSchema.builtIn();
    private boolean chosen;
    private boolean custom;
    private boolean builtInInUse;

    /** The schema patches use now (using it keeps the built-in kinds if a custom one comes later). */
    public KubernetesSchema current() {
        builtInInUse |= !custom;
        return schema;
    }

    /** Notes objects loaded into the build: one of a kind the built-in table lacks uses the table. */
    public void loaded(List<ObjectNode> objects) {
        if (!custom && !builtInInUse) {
            builtInInUse = objects.stream().anyMatch(o -> !KubernetesSchema.builtIn().isKnown(
                    o.path("apiVersion").asText(""), o.path("kind").asText("")));
        }
    }

    /**
     * Applies a kustomization's {@code openapi} field.
     *
     * @param openapi the field ({@code path} and/or {@code version}); empty when absent
     * @param files reads the kustomization's files ({@code path} is relative to its directory)
     * @param top whether this is the top kustomization of the build (its field always wins)
     * @throws IllegalArgumentException naming the schema file when it is missing, too large, not
     *     an OpenAPI document, or {@code path} and {@code version} are both given, or the version
     *     is not built in
     */
    public void choose(Map<String, String> openapi, KustomizationFiles files, boolean top) {
        String path = openapi.get("path");
        JsonNode document = path == null ? null : read(files, path);
        if (chosen && !top) {
            return;
        }
        if (document != null) {
            if (openapi.containsKey("version")) {
                throw new IllegalArgumentException("builtin version and custom schema provided, cannot use both");
            }
            schema = customSchema(document, path);
            chosen = true;
            custom = true;
            return;
        }
        String version = openapi.getOrDefault("version", "");
        if (version.isEmpty()) {
            return;
        }
        if (!version.equals(BUILT_IN_VERSION)) {
            throw new IllegalArgumentException("the specified OpenAPI version '" + version + "' is not built in (the "
                    + "only one is " + BUILT_IN_VERSION + ")");
        }
        schema = KubernetesSchema.builtIn();
        chosen = true;
        custom = false;
    }

    private KubernetesSchema customSchema(JsonNode document, String path) {
        Map<String, ObjectType> kinds;
        try {
            kinds = OpenApiDefinitions.kinds(document, builtInInUse);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid schema file " + path + ": " + e.getMessage(), e);
        }
        if (!builtInInUse) {
            return KubernetesSchema.ofKinds(kinds);
        }
        Map<String, ObjectType> added = new HashMap<>();
        kinds.forEach((gvk, type) -> {
            int slash = gvk.lastIndexOf('/');
            if (!KubernetesSchema.builtIn().isKnown(gvk.substring(0, slash), gvk.substring(slash + 1))) {
                added.put(gvk, type);
            }
        });
        return KubernetesSchema.builtIn().withKinds(added);
    }

    private static JsonNode read(KustomizationFiles files, String path) {
        long size = files.size(path);
        if (size > MAX_SCHEMA_BYTES) {
            throw new IllegalArgumentException("the OpenAPI schema " + path + " has " + size + " bytes, more than the "
                    + MAX_SCHEMA_BYTES + " accepted");
        }
        try {
            return YamlReader.kubectl().readValue(files.readText(path), path);
        } catch (ManifestException e) {
            throw new IllegalArgumentException("invalid schema file " + path + ": " + e.getMessage(), e);
        }
    }
}
