package io.gitops4j.render.kustomize.internal.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.render.kustomize.internal.resource.Origin;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code buildMetadata}: {@code managedByLabel} labels every object as managed by this Kustomize
 * version; {@code originAnnotations} records the file each object came from;
 * {@code transformerAnnotations} the transformers that ran over it, in every kustomization of the
 * build. Other options are ignored with a warning, as Kustomize ignores them.
 */
final class BuildMetadata {

    private static final Logger LOG = LoggerFactory.getLogger(BuildMetadata.class);

    private BuildMetadata() {
    }

    static void apply(ResMap resources, List<String> options, Path topDirectory, String kustomizationFile) {
        for (String option : options) {
            switch (option) {
                case "managedByLabel" -> resources.resources().forEach(r -> labels(r.object())
                        .put("app.kubernetes.io/managed-by", KustomizeBuild.MANAGED_BY));
                case "originAnnotations" -> resources.resources().forEach(r -> origin(r, topDirectory));
                case "transformerAnnotations" -> resources.resources().forEach(r -> transformations(r, topDirectory));
                default -> LOG.warn("{}: buildMetadata option '{}' is unknown and ignored, as Kustomize ignores it; "
                        + "the options are managedByLabel, originAnnotations and transformerAnnotations",
                        kustomizationFile, option);
            }
        }
    }

    private static void origin(Resource resource, Path topDirectory) {
        ObjectNode metadata = KubernetesObjects.metadata(resource.object());
        JsonNode annotations = metadata.get("annotations");
        ObjectNode map = annotations instanceof ObjectNode a ? a : metadata.putObject("annotations");
        map.put("config.kubernetes.io/origin", resource.origin().annotation(topDirectory));
    }

    /** The transformers that ran over the object, as a YAML list of origins. */
    private static void transformations(Resource resource, Path topDirectory) {
        if (resource.transformations().isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Origin transformer : resource.transformations()) {
            String[] lines = transformer.annotation(topDirectory).split("\n");
            for (int i = 0; i < lines.length; i++) {
                text.append(i == 0 ? "- " : "  ").append(lines[i]).append('\n');
            }
        }
        annotations(resource.object()).put("alpha.config.kubernetes.io/transformations", text.toString());
    }

    private static ObjectNode annotations(ObjectNode object) {
        ObjectNode metadata = KubernetesObjects.metadata(object);
        JsonNode annotations = metadata.get("annotations");
        return annotations instanceof ObjectNode a ? a : metadata.putObject("annotations");
    }

    private static ObjectNode labels(ObjectNode object) {
        ObjectNode metadata = KubernetesObjects.metadata(object);
        JsonNode labels = metadata.get("labels");
        return labels instanceof ObjectNode l ? l : metadata.putObject("labels");
    }
}
