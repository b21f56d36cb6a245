package io.gitops4j.render.kustomize;

import io.gitops4j.kube.Json;
import io.gitops4j.render.kustomize.internal.model.ImageEntry;
import io.gitops4j.render.kustomize.internal.model.Kustomization.ReplicaEntry;
import io.gitops4j.render.kustomize.internal.model.Kustomization;
import io.gitops4j.render.kustomize.internal.model.PatchEntry;
import io.gitops4j.render.kustomize.internal.model.Selector;
import io.gitops4j.render.kustomize.internal.transform.ImageTagTransformer.ImageReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Applies {@link KustomizeOverrides} to a kustomization the way {@code kustomize edit} would. */
final class OverrideEdits {

    private OverrideEdits() {
    }

    static Kustomization apply(Kustomization k, KustomizeOverrides o) {
        if (o.isEmpty()) {
            return k;
        }
        List<ImageEntry> images = new ArrayList<>(k.images());
        for (String image : o.images()) {
            ImageEntry entry = parseImage(image, k.file());
            images.removeIf(existing -> existing.name().equals(entry.name()));
            images.add(entry);
        }
        List<ReplicaEntry> replicas = new ArrayList<>(k.replicas());
        o.replicas().forEach((name, count) -> {
            replicas.removeIf(r -> r.name().equals(name));
            replicas.add(new ReplicaEntry(name, count));
        });
        List<String> components = new ArrayList<>(k.components());
        o.components().stream().filter(c -> !components.contains(c)).forEach(components::add);
        List<PatchEntry> patches = new ArrayList<>(k.patches());
        for (Map<String, Object> patch : o.patches()) {
            patches.add(patchEntry(patch));
        }
        return k.withOverrides(
                o.namespace().isEmpty() ? k.namespace() : o.namespace(),
                o.namePrefix().isEmpty() ? k.namePrefix() : o.namePrefix(),
                o.nameSuffix().isEmpty() ? k.nameSuffix() : o.nameSuffix(),
                merged(k.commonLabels(), o.commonLabels(), o.forceCommonLabels(), "label", k.file()),
                merged(k.commonAnnotations(), o.commonAnnotations(), o.forceCommonAnnotations(), "annotation", k.file()),
                images, replicas, components, patches);
    }

    private static Map<String, String> merged(Map<String, String> existing, Map<String, String> added, boolean force,
            String what, String file) {
        Map<String, String> result = new LinkedHashMap<>(existing);
        added.forEach((key, value) -> {
            if (!force && existing.containsKey(key)) {
                throw new KustomizeException(file, what + " " + key + " already in kustomization file; set force"
                        + (what.equals("label") ? "CommonLabels" : "CommonAnnotations") + " to replace it");
            }
            result.put(key, value);
        });
        return result;
    }

    /** {@code name[=newName][:tag][@digest]}, as {@code kustomize edit set image} reads it. */
    static ImageEntry parseImage(String image, String file) {
        String name;
        String target = image;
        int equals = image.indexOf('=');
        if (equals >= 0) {
            name = image.substring(0, equals);
            target = image.substring(equals + 1);
        } else {
            name = null;
        }
        ImageReference reference = ImageReference.parse(target);
        if (reference.name().isEmpty()) {
            throw new KustomizeException(file, "invalid image override '" + image + "'");
        }
        return name == null
                ? new ImageEntry(reference.name(), "", reference.tag(), reference.digest(), "")
                : new ImageEntry(name, reference.name().equals(name) ? "" : reference.name(), reference.tag(),
                        reference.digest(), "");
    }

    private static PatchEntry patchEntry(Map<String, Object> patch) {
        Object target = patch.get("target");
        Optional<Selector> selector = target instanceof Map<?, ?>
                ? Optional.of(Selector.read(Json.mapper().valueToTree(target))) : Optional.empty();
        return new PatchEntry(String.valueOf(patch.getOrDefault("path", "")), String.valueOf(patch.getOrDefault("patch", "")),
                selector, false, false);
    }
}
