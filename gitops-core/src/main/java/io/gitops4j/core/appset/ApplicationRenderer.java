package io.gitops4j.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.Applications;
import io.gitops4j.core.model.InvalidApplicationException;
import io.gitops4j.diff.patch.PatchException;
import io.gitops4j.diff.patch.StrategicMergePatch;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Yaml;
import java.util.Map;

/**
 * Renders one Application from a template and a parameter set, as Argo CD's
 * {@code RenderTemplateParams} and {@code applyTemplatePatch} do: every string and key rendered,
 * the {@code resources-finalizer.argocd.argoproj.io} finalizer added unless the template has
 * finalizers or the set preserves resources on deletion, {@code templatePatch} rendered and
 * applied as a strategic merge patch (it may not change {@code spec.project}), the namespace
 * forced to the set's, and an owner reference to the set.
 */
final class ApplicationRenderer {

    /** Argo CD's finalizer that deletes an Application's resources with it. */
    static final String RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";
    private static final String API_VERSION = "argoproj.io/v1alpha1";
    private static final java.util.regex.Pattern VALID_NAME = java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    private final Generation generation;

    ApplicationRenderer(Generation generation) {
        this.generation = generation;
    }

    GeneratedApplication render(ObjectNode template, Map<String, Object> params, String generator) {
        ApplicationSet set = generation.set;
        ObjectNode rendered = params.isEmpty() ? template.deepCopy()
                : (ObjectNode) generation.trees.render(template, params, "template");
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("apiVersion", API_VERSION);
        manifest.put("kind", "Application");
        ObjectNode metadata = manifest.putObject("metadata");
        JsonNode templateMetadata = rendered.path("metadata");
        for (String field : new String[] {"name", "labels", "annotations", "finalizers"}) {
            if (templateMetadata.has(field) && !templateMetadata.get(field).isNull()) {
                metadata.set(field, templateMetadata.get(field));
            }
        }
        if (!metadata.path("finalizers").isArray() || metadata.path("finalizers").isEmpty()) {
            metadata.remove("finalizers");
            if (!set.syncPolicy().preserveResourcesOnDeletion()) {
                metadata.putArray("finalizers").add(RESOURCES_FINALIZER);
            }
        }
        manifest.set("spec", rendered.path("spec").isObject() ? rendered.get("spec") : JsonNodeFactory.instance.objectNode());
        if (set.templatePatch().isPresent()) {
            manifest = patch(manifest, set.templatePatch().get(), params);
            metadata = (ObjectNode) manifest.path("metadata");
        }
        if (!set.namespace().isEmpty()) {
            metadata.put("namespace", set.namespace());
        } else {
            metadata.remove("namespace");
        }
        ArrayNode owners = metadata.putArray("ownerReferences");
        ObjectNode owner = owners.addObject();
        owner.put("apiVersion", API_VERSION);
        owner.put("kind", "ApplicationSet");
        owner.put("name", set.name());
        if (!set.uid().isEmpty()) {
            owner.put("uid", set.uid());
        }
        owner.put("controller", true);
        owner.put("blockOwnerDeletion", true);
        return new GeneratedApplication(toApplication(manifest, params, generator), manifest, generator, params);
    }

    private ObjectNode patch(ObjectNode manifest, String patchTemplate, Map<String, Object> params) {
        String text;
        try {
            text = generation.trees.renderString(patchTemplate, params, "templatePatch");
        } catch (TreeRenderer.FieldException e) {
            throw new TreeRenderer.FieldException("templatePatch", "error replacing values in templatePatch: "
                    + e.getMessage());
        }
        JsonNode patch;
        try {
            patch = Yaml.readValue(text, "templatePatch");
        } catch (GitOpsException e) {
            throw new TreeRenderer.FieldException("templatePatch", "the rendered templatePatch is not YAML or JSON: "
                    + e.getMessage());
        }
        if (patch.isMissingNode() || patch.isNull()) {
            return manifest;
        }
        if (!patch.isObject()) {
            throw new TreeRenderer.FieldException("templatePatch", "the rendered templatePatch must be a mapping");
        }
        JsonNode project = manifest.path("spec").path("project");
        try {
            ObjectNode patched = StrategicMergePatch.apply(manifest, (ObjectNode) patch);
            if (!patched.path("spec").isObject()) {
                patched.putObject("spec");
            }
            ObjectNode spec = (ObjectNode) patched.get("spec");
            if (project.isMissingNode()) {
                spec.remove("project");
            } else {
                spec.set("project", project);
            }
            if (!patched.path("metadata").isObject()) {
                patched.putObject("metadata");
            }
            return patched;
        } catch (PatchException e) {
            throw new TreeRenderer.FieldException("templatePatch", "error while applying templatePatch: "
                    + e.getMessage());
        }
    }

    private Application toApplication(ObjectNode manifest, Map<String, Object> params, String generator) {
        String name = manifest.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            throw new TreeRenderer.FieldException("template.metadata.name", "the Application's name is empty");
        }
        if (name.length() > 253 || !VALID_NAME.matcher(name).matches()) {
            throw new TreeRenderer.FieldException("template.metadata.name", "'" + name
                    + "' is not a valid Application name (lower case letters, digits, '-' and '.', at most 253;"
                    + " use normalize or lower)");
        }
        try {
            return Applications.fromObject(manifest, "Application " + name);
        } catch (InvalidApplicationException e) {
            throw new TreeRenderer.FieldException("template", e.getMessage());
        }
    }
}
