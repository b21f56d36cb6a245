package io.gitops4j.render.kustomize.internal.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.YamlReader;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import io.gitops4j.render.kustomize.internal.resource.Gvk;
import io.gitops4j.render.kustomize.internal.resource.TransformerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code crds} field: files mapping type names ({@code example.com.v1.Widget}) to OpenAPI
 * definitions ({@code {"Schema": {"properties": ...}}}, references by type name), whose
 * properties carry Kustomize's extensions: {@code x-kubernetes-object-ref-kind} with
 * {@code x-kubernetes-object-ref-api-version} (and {@code x-kubernetes-object-ref-name-key})
 * makes the property a name reference, {@code x-kubernetes-label-selector} a place for common
 * labels, {@code x-kubernetes-annotation} one for common annotations, {@code x-kubernetes-identity}
 * one for the name prefix. Only types with {@code kind}, {@code apiVersion} and {@code metadata}
 * properties are roots; their kind is the last part of the type name.
 */
final class CrdConfig {

    private CrdConfig() {
    }

    static TransformerConfig read(KustomizationFiles files, String path) {
        String text = files.readText(path);
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        for (YamlDocument document : YamlReader.kubectl().readDocuments(text, path)) {
            ObjectNode types = document.body();
            for (Map.Entry<String, JsonNode> type : types.properties()) {
                JsonNode properties = properties(type.getValue());
                if (properties.has("kind") && properties.has("apiVersion") && properties.has("metadata")) {
                    String typeName = type.getKey();
                    Gvk gvk = new Gvk("", "", typeName.substring(typeName.lastIndexOf('.') + 1));
                    collect(config, gvk, types, properties, new ArrayList<>(), 0);
                }
            }
        }
        return TransformerConfig.parse(config);
    }

    private static JsonNode properties(JsonNode definition) {
        JsonNode schema = definition.has("Schema") ? definition.get("Schema") : definition.path("schema");
        return schema.path("properties");
    }

    private static void collect(ObjectNode config, Gvk type, JsonNode types, JsonNode properties, List<String> path,
            int depth) {
        if (depth > 20) {
            return;
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            List<String> here = new ArrayList<>(path);
            here.add(property.getKey());
            JsonNode schema = property.getValue();
            if (schema.has("x-kubernetes-annotation")) {
                add(config.withArray("commonAnnotations"), type, String.join("/", here));
            }
            if (schema.has("x-kubernetes-label-selector")) {
                add(config.withArray("commonLabels"), type, String.join("/", here));
            }
            if (schema.has("x-kubernetes-identity")) {
                add(config.withArray("namePrefix"), type, String.join("/", here));
            }
            if (schema.path("x-kubernetes-object-ref-api-version").isTextual()
                    && schema.path("x-kubernetes-object-ref-kind").isTextual()) {
                ObjectNode reference = config.withArray("nameReference").addObject();
                reference.put("kind", schema.get("x-kubernetes-object-ref-kind").asText());
                reference.put("version", schema.get("x-kubernetes-object-ref-api-version").asText());
                List<String> namePath = new ArrayList<>(here);
                namePath.add(schema.path("x-kubernetes-object-ref-name-key").asText("name"));
                add(reference.putArray("fieldSpecs"), type, String.join("/", namePath));
            }
            String ref = schema.path("$ref").asText("");
            if (!ref.isEmpty()) {
                collect(config, type, types, properties(types.path(ref)), here, depth + 1);
            }
        }
    }

    private static void add(ArrayNode specs, Gvk type, String path) {
        ObjectNode spec = specs.addObject();
        spec.put("kind", type.kind());
        spec.put("path", path);
    }
}
