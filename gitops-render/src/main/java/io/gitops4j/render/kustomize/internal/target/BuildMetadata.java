package io.gitops4j.render.kustomize.internal.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code buildMetadata}: {@code managedByLabel} labels every object as managed by this Kustomize
 * version; {@code originAnnotations} records the file each object came from. Other options are
 * refused rather than silently ignored.
 */
final class BuildMetadata {

    private BuildMetadata() {
    }

    static void apply(ResMap resources, List<String> options, Path topDirectory) {
        for (String option : options) {
            switch (option) {
                case "managedByLabel" -> resources.resources().forEach(r -> labels(r.object())
                        .put("app.kubernetes.io/managed-by", KustomizeBuild.MANAGED_BY));
                case "originAnnotations" -> resources.resources().forEach(r -> origin(r, topDirectory));
                default -> throw new IllegalArgumentException("buildMetadata option '" + option + "' is not supported; "
                        + "use managedByLabel or originAnnotations");
            }
        }
    }

    private static void origin(Resource resource, Path topDirectory) {
        ObjectNode metadata = KubernetesObjects.metadata(resource.object());
        JsonNode annotations = metadata.get("annotations");
        ObjectNode map = annotations instanceof ObjectNode a ? a : metadata.putObject("annotations");
        map.put("config.kubernetes.io/origin", resource.origin().annotation(topDirectory));
    }

    private static ObjectNode labels(ObjectNode object) {
        ObjectNode metadata = KubernetesObjects.metadata(object);
        JsonNode labels = metadata.get("labels");
        return labels instanceof ObjectNode l ? l : metadata.putObject("labels");
    }
}
