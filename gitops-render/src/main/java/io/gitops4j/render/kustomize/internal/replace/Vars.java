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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vars}: each declared var takes a value from a field of the one resource it was bound to
 * when its kustomization was built (its final name by default; {@code ports[1]} in the field path
 * is the list's item 1), and every {@code $(NAME)} in the fields the {@code varReference} configuration names
 * is replaced by it. {@code $$} escapes a dollar; unknown names are left as they are. A field
 * that is exactly one reference takes the value with its type (a number stays a number).
 */
public final class Vars {

    private static final Pattern INDEXED = Pattern.compile("(.*)\\[(\\d+)]");

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

    /** The objects a var's {@code objref} names, by any of their ids. */
    public static List<Resource> objects(ResMap resources, JsonNode var) {
        JsonNode ref = var.path("objref");
        GroupVersion gv = GroupVersion.parse(ref.path("apiVersion").asText(""));
        String group = ref.has("group") ? ref.get("group").asText() : gv.group();
        String version = ref.has("version") ? ref.get("version").asText() : gv.version();
        return resources.matchingAnyId(id -> matches(id, group, version, ref));
    }

    private static JsonNode value(ResMap resources, JsonNode var) {
        String name = var.path("name").asText();
        Resource bound = resources.resources().stream().filter(r -> r.varNames().contains(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("var '" + name
                        + "' cannot be mapped to a field in the set of known resources"));
        String path = var.path("fieldref").path("fieldPath").asText("metadata.name");
        JsonNode value = FieldPath.parse(withIndexesAsElements(path)).lookup(bound.object());
        if (value == null || value.isContainerNode()) {
            throw new IllegalArgumentException("field specified in var '" + name + "' (" + path
                    + ") not found or not a scalar in " + bound.currentId());
        }
        return value;
    }

    /** {@code ports[1]} as the two elements {@code ports.1}, as Kustomize reads a var's field path. */
    static String withIndexesAsElements(String path) {
        StringBuilder out = new StringBuilder();
        for (String element : path.split("\\.", -1)) {
            Matcher indexed = INDEXED.matcher(element);
            String converted = indexed.matches()
                    ? (indexed.group(1).isEmpty() ? "" : indexed.group(1) + ".") + indexed.group(2) : element;
            out.append(out.isEmpty() ? "" : ".").append(converted);
        }
        return out.toString();
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
