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
 * @param fields the path split into field names (escapes and {@code []} removed)
 * @param listMarks for each field, whether it was marked {@code []}
 */
public record FieldSpec(Gvk type, String path, boolean create, List<String> fields, List<Boolean> listMarks) {

    /** A spec for {@code path}; the path is split once, here. */
    public FieldSpec(Gvk type, String path, boolean create) {
        this(type, path, create, split(path, false), split(path, true).stream().map(f -> f.endsWith("[]")).toList());
    }

    public FieldSpec {
        fields = List.copyOf(fields);
        listMarks = List.copyOf(listMarks);
    }

    /** Whether the path element at {@code index} is marked as a list ({@code name[]}); such fields are never created. */
    public boolean isList(int index) {
        return listMarks.get(index);
    }

    /** The path split into field names, escapes removed, {@code []} markers removed unless {@code raw}. */
    private static List<String> split(String path, boolean raw) {
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
        return raw ? fields : fields.stream().map(FieldSpec::clean).toList();
    }

    private static String clean(String field) {
        return field.endsWith("[]") ? field.substring(0, field.length() - 2) : field;
    }

    /** Whether two specs name the same place (type and path); {@code create} may differ. */
    public boolean samePlace(FieldSpec other) {
        return type.equals(other.type) && path.equals(other.path);
    }
}
