package io.gitops4j.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.appset.gotemplate.TemplateData;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Yaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code list} generator: one parameter set per element of {@code elements}, then one per
 * element of {@code elementsYaml} (a YAML list, often rendered from a matrix's first child).
 * With fasttemplate, element values must be strings and {@code values.k} is the flat form of a
 * {@code values} map, as in Argo CD; with Go templates elements are used as they are.
 */
final class ListGenerator {

    private final Generation generation;

    ListGenerator(Generation generation) {
        this.generation = generation;
    }

    List<Map<String, Object>> generate(ObjectNode spec, String path) {
        List<Map<String, Object>> params = new ArrayList<>();
        JsonNode elements = spec.path("elements");
        if (!elements.isMissingNode() && !elements.isNull() && !elements.isArray()) {
            throw generation.error(path + ".elements", "must be a list of mappings");
        }
        int index = 0;
        for (JsonNode element : elements) {
            String at = path + ".elements[" + index++ + "]";
            if (!element.isObject()) {
                throw generation.error(at, "must be a mapping, not " + element.getNodeType().name().toLowerCase());
            }
            params.add(generation.goTemplate() ? object(element) : flat(element, at));
            generation.checkCount(params.size(), path);
        }
        JsonNode yaml = spec.path("elementsYaml");
        if (yaml.isTextual() && !yaml.asText().isEmpty()) {
            JsonNode parsed;
            try {
                parsed = Yaml.readValue(yaml.asText(), path + ".elementsYaml");
            } catch (GitOpsException e) {
                throw generation.error(path + ".elementsYaml", "is not YAML: " + e.getMessage());
            }
            if (!parsed.isArray() && !parsed.isMissingNode()) {
                throw generation.error(path + ".elementsYaml", "must be a YAML list of mappings");
            }
            index = 0;
            for (JsonNode element : parsed) {
                if (!element.isObject()) {
                    throw generation.error(path + ".elementsYaml[" + index + "]", "must be a mapping");
                }
                index++;
                params.add(object(element));
                generation.checkCount(params.size(), path);
            }
        }
        return params;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JsonNode element) {
        return (Map<String, Object>) TemplateData.fromJson(element);
    }

    private Map<String, Object> flat(JsonNode element, String at) {
        Map<String, Object> params = new LinkedHashMap<>();
        element.fields().forEachRemaining(field -> {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("values")) {
                if (!value.isObject()) {
                    throw generation.error(at + ".values", "must be a mapping of strings");
                }
                value.fields().forEachRemaining(v -> {
                    if (!v.getValue().isTextual()) {
                        throw generation.error(at + ".values." + v.getKey(), "must be a string with fasttemplate"
                                + " (quote it, or set goTemplate: true)");
                    }
                    params.put("values." + v.getKey(), v.getValue().asText());
                });
            } else {
                if (!value.isTextual()) {
                    throw generation.error(at + "." + key, "must be a string with fasttemplate (quote it, or set"
                            + " goTemplate: true to use numbers, booleans and nested values)");
                }
                params.put(key, value.asText());
            }
        });
        return params;
    }
}
