package io.gitops4j.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gitops4j.core.appset.gotemplate.GoTemplate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Argo CD's {@code InterpolateGenerator}: a matrix's second child rendered with each parameter
 * set of the first. The {@code values} of a {@code clusters} or {@code git} generator are
 * resolved with {@code missingkey=error}, and a value naming a key the first child does not
 * have is kept as written, to be resolved with the child's own parameters later.
 */
final class Interpolation {

    private Interpolation() {
    }

    static JsonNode apply(Generation generation, JsonNode entry, Map<String, Object> params, String path) {
        // values are resolved on their own below: a value naming the child's own parameters must not fail here
        ObjectNode withoutValues = entry.deepCopy();
        for (String generator : List.of("clusters", "git")) {
            if (withoutValues.path(generator).isObject()) {
                ((ObjectNode) withoutValues.get(generator)).remove("values");
            }
        }
        JsonNode rendered;
        try {
            rendered = generation.trees.render(withoutValues, params, path);
        } catch (TreeRenderer.FieldException e) {
            throw generation.error(path, "cannot interpolate the parameters of the first matrix generator "
                    + ParamSets.describe(params) + " into " + e.field() + ": " + e.getMessage());
        }
        for (String generator : List.of("clusters", "git")) {
            JsonNode values = entry.path(generator).path("values");
            if (values.isObject() && rendered.path(generator).isObject()) {
                ((ObjectNode) rendered.get(generator)).set("values", values(generation, values, params, path + "."
                        + generator + ".values"));
            }
        }
        return rendered;
    }

    private static ObjectNode values(Generation generation, JsonNode values, Map<String, Object> params, String path) {
        StringRenderer strict = generation.goTemplate()
                ? generation.strings.withOptions(new GoTemplate.Options(true, generation.strings.options().maxOutput(),
                        generation.strings.options().maxSteps()))
                : generation.strings;
        ObjectNode out = values.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = values.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String raw = field.getValue().asText();
            try {
                out.set(field.getKey(), TextNode.valueOf(strict.render(raw, params)));
            } catch (IllegalArgumentException e) {
                String message = String.valueOf(e.getMessage());
                if (!message.contains("map has no entry for key") && !message.contains("can't evaluate field")
                        && !message.contains("nil data; no entry for key")) {
                    throw generation.error(path, "failed to pre-resolve values key \"" + field.getKey() + "\": " + message);
                }
            }
        }
        return out;
    }
}
