package io.gitops4j.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generator's {@code values}: each rendered with the generator's own parameters and added as
 * {@code values.<key>} (fasttemplate) or under {@code values} (Go templates). Values see only the
 * parameters, never each other, so they cannot expand without bound.
 */
final class GeneratorValues {

    private GeneratorValues() {
    }

    static void append(Generation generation, JsonNode values, Map<String, Object> params, String path) {
        if (values.isMissingNode() || values.isNull()) {
            return;
        }
        if (!values.isObject()) {
            throw generation.error(path, "must be a mapping of strings");
        }
        Map<String, Object> rendered = new LinkedHashMap<>();
        values.fields().forEachRemaining(field -> {
            if (!field.getValue().isValueNode()) {
                throw generation.error(path + "." + field.getKey(), "must be a string");
            }
            try {
                rendered.put(field.getKey(), generation.strings.render(field.getValue().asText(), params));
            } catch (IllegalArgumentException e) {
                throw generation.error(path + "." + field.getKey(), "parameter set " + ParamSets.describe(params)
                        + ": " + e.getMessage());
            }
        });
        if (generation.goTemplate()) {
            params.put("values", rendered);
        } else {
            rendered.forEach((k, v) -> params.put("values." + k, v));
        }
    }
}
