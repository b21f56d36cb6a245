package io.gitops4j.render.kustomize.internal.replace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.FieldWalker;
import io.gitops4j.render.kustomize.internal.resource.ResId;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vars}: each declared var takes a value from a field of one resource (its final name by
 * default), and every {@code $(NAME)} in the fields the {@code varReference} configuration names
 * is replaced by it. {@code $$} escapes a dollar; unknown names are left as they are. A field
 * that is exactly one reference takes the value with its type (a number stays a number).
 */
public final class Vars {

    private Vars() {
    }

    public static void resolve(ResMap resources, List<JsonNode> declared, List<FieldSpec> references) {
        if (declared.isEmpty()) {
            return;
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (JsonNode var : declared) {
            values.put(var.path("name").asText(), value(resources, var));
        }
        for (Resource resource : resources.resources()) {
            for (FieldSpec spec : references) {
                FieldWalker.walkExisting(resource.object(), spec, (parent, field) -> expandField(parent, field, values));
            }
        }
    }

    private static JsonNode value(ResMap resources, JsonNode var) {
        String name = var.path("name").asText();
        JsonNode ref = var.path("objref");
        GroupVersion gv = GroupVersion.parse(ref.path("apiVersion").asText(""));
        String group = ref.has("group") ? ref.get("group").asText() : gv.group();
        String version = ref.has("version") ? ref.get("version").asText() : gv.version();
        List<Resource> matches = resources.matchingAnyId(id -> matches(id, group, version, ref));
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("var '" + name + "' cannot be mapped to a field in the set of known resources");
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("found " + matches.size() + " resId matches for var " + name
                    + " (unable to disambiguate)");
        }
        String path = var.path("fieldref").path("fieldPath").asText("metadata.name");
        JsonNode value = FieldPath.parse(path).lookup(matches.get(0).object());
        if (value == null || value.isContainerNode()) {
            throw new IllegalArgumentException("field specified in var '" + name + "' (" + path
                    + ") not found or not a scalar in " + matches.get(0).currentId());
        }
        return value;
    }

    private static boolean matches(ResId id, String group, String version, JsonNode ref) {
        return (group.isEmpty() || group.equals(id.group())) && (version.isEmpty() || version.equals(id.version()))
                && ref.path("kind").asText("").equals(id.kind()) && ref.path("name").asText("").equals(id.name())
                && (ref.path("namespace").asText("").isEmpty() || ref.get("namespace").asText().equals(id.namespace()));
    }

    private static void expandField(ObjectNode parent, String field, Map<String, JsonNode> values) {
        JsonNode value = parent.get(field);
        if (value instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).isTextual()) {
                    list.set(i, expand(list.get(i).asText(), values));
                }
            }
        } else if (value instanceof ObjectNode map) {
            for (Map.Entry<String, JsonNode> entry : map.properties()) {
                if (entry.getValue().isTextual()) {
                    entry.setValue(expand(entry.getValue().asText(), values));
                }
            }
        } else if (value != null && value.isTextual()) {
            parent.set(field, expand(value.asText(), values));
        }
    }

    static JsonNode expand(String text, Map<String, JsonNode> values) {
        if (text.startsWith("$(") && text.endsWith(")") && text.indexOf(')') == text.length() - 1) {
            JsonNode whole = values.get(text.substring(2, text.length() - 1));
            if (whole != null) {
                return whole.deepCopy();
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == '$') {
                    out.append('$');
                    i += 2;
                    continue;
                }
                if (next == '(') {
                    int close = text.indexOf(')', i + 2);
                    if (close > 0) {
                        JsonNode value = values.get(text.substring(i + 2, close));
                        out.append(value != null ? value.asText() : text.substring(i, close + 1));
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return TextNode.valueOf(out.toString());
    }
}
