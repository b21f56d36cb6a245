package io.gitops4j.render.kustomize.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.Yaml;
import io.gitops4j.diff.YamlDocument;
import io.gitops4j.render.kustomize.internal.resource.Gvk;
import io.gitops4j.render.kustomize.internal.resource.TransformerConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code crds} field: OpenAPI definitions of custom resources whose properties carry
 * Kustomize's extensions: {@code x-kubernetes-object-ref-kind} (with
 * {@code x-kubernetes-object-ref-api-version} and {@code x-kubernetes-object-ref-name-key}) makes
 * the property a name reference, {@code x-kubernetes-label-selector} a place for common labels,
 * {@code x-kubernetes-identity} a place for the name prefix.
 */
final class CrdConfig {

    private CrdConfig() {
    }

    static TransformerConfig read(KustomizationFiles files, String path) {
        String text = new String(files.read(path), StandardCharsets.UTF_8);
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        for (YamlDocument document : Yaml.readDocuments(text, path)) {
            JsonNode definitions = document.body().path("definitions");
            for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
                JsonNode properties = definition.getValue().path("properties");
                if (properties.has("kind") && properties.has("apiVersion") && properties.has("metadata")) {
                    String typeName = definition.getKey();
                    Gvk type = new Gvk("", "", typeName.substring(typeName.lastIndexOf('.') + 1));
                    collect(config, type, definitions, properties, new ArrayList<>(), 0);
                }
            }
        }
        return TransformerConfig.parse(config);
    }

    private static void collect(ObjectNode config, Gvk type, JsonNode definitions, JsonNode properties, List<String> path,
            int depth) {
        if (depth > 20) {
            return;
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            List<String> here = new ArrayList<>(path);
            here.add(property.getKey());
            JsonNode schema = property.getValue();
            if (schema.has("x-kubernetes-label-selector")) {
                add(config.withArray("commonLabels"), type, String.join("/", here), true);
            }
            if (schema.has("x-kubernetes-identity")) {
                add(config.withArray("namePrefix"), type, String.join("/", here), false);
            }
            if (schema.has("x-kubernetes-object-ref-kind")) {
                ObjectNode reference = config.withArray("nameReference").addObject();
                reference.put("kind", schema.get("x-kubernetes-object-ref-kind").asText());
                reference.put("version", schema.path("x-kubernetes-object-ref-api-version").asText(""));
                List<String> namePath = new ArrayList<>(here);
                namePath.add(schema.path("x-kubernetes-object-ref-name-key").asText("name"));
                add(reference.putArray("fieldSpecs"), type, String.join("/", namePath), false);
            }
            String ref = schema.path("$ref").asText("");
            if (ref.startsWith("#/definitions/")) {
                JsonNode target = definitions.path(ref.substring("#/definitions/".length())).path("properties");
                collect(config, type, definitions, target, here, depth + 1);
            }
        }
    }

    private static void add(com.fasterxml.jackson.databind.node.ArrayNode specs, Gvk type, String path, boolean create) {
        ObjectNode spec = specs.addObject();
        spec.put("kind", type.kind());
        spec.put("path", path);
        spec.put("create", create);
    }
}
