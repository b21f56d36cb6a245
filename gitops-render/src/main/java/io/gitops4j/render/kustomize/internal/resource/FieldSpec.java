package io.gitops4j.render.kustomize.internal.resource;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a transformer acts: a slash-separated path in objects of a group/version/kind, and
 * whether the path is created when missing. {@code \/} escapes a slash inside a field name
 * (annotation keys); {@code []} after a name marks a list, whose items are all visited (lists are
 * visited item by item without it too).
 *
 * @param type the object types the path applies to
 * @param path the path, for example {@code spec/template/metadata/labels}
 * @param create whether missing fields along the path are created
 */
public record FieldSpec(Gvk type, String path, boolean create) {

    /** Whether the path element at {@code index} is marked as a list ({@code name[]}); such fields are never created. */
    public boolean isList(int index) {
        return rawFields().get(index).endsWith("[]");
    }

    /** The path split into field names, escapes and {@code []} markers removed. */
    public List<String> fields() {
        List<String> fields = new ArrayList<>();
        for (String raw : rawFields()) {
            fields.add(clean(raw));
        }
        return fields;
    }

    private List<String> rawFields() {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length() && path.charAt(i + 1) == '/') {
                current.append('/');
                i++;
            } else if (c == '/') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        fields.removeIf(String::isEmpty);
        return fields;
    }

    private static String clean(String field) {
        return field.endsWith("[]") ? field.substring(0, field.length() - 2) : field;
    }

    /** Whether two specs name the same place (type and path); {@code create} may differ. */
    public boolean samePlace(FieldSpec other) {
        return type.equals(other.type) && path.equals(other.path);
    }
}
