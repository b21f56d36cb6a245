package io.gitops4j.render.kustomize.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.YamlFields;
import java.util.List;

/**
 * Visits the fields a {@link FieldSpec} names in one object, the way Kustomize's transformers
 * do: lists met on the way are visited item by item; missing or null mappings on the way are
 * created only when the spec says {@code create}; the last field is handed to the visitor even
 * when missing if {@code create} is set, so that it can create it.
 */
public final class FieldWalker {

    /** Receives each field the path leads to: the mapping holding it and its name. */
    @FunctionalInterface
    public interface Visitor {
        void visit(ObjectNode parent, String field);
    }

    private FieldWalker() {
    }

    /**
     * Visits the spec's fields in {@code object} when the spec applies to the object's type,
     * creating missing ones when the spec says {@code create} (labels, annotations, namespace,
     * replicas).
     */
    public static void walk(ObjectNode object, FieldSpec spec, Visitor visitor) {
        if (spec.type().selectsTypeOf(object)) {
            walk(object, spec, spec.fields(), 0, spec.create(), visitor);
        }
    }

    /** Visits only the fields that exist, whatever {@code create} says (images, names, references, vars). */
    public static void walkExisting(ObjectNode object, FieldSpec spec, Visitor visitor) {
        if (spec.type().selectsTypeOf(object)) {
            walk(object, spec, spec.fields(), 0, false, visitor);
        }
    }

    private static void walk(JsonNode node, FieldSpec spec, List<String> fields, int index, boolean create, Visitor visitor) {
        if (node instanceof ArrayNode array) {
            for (JsonNode item : array) {
                walk(item, spec, fields, index, create, visitor);
            }
            return;
        }
        if (!(node instanceof ObjectNode map)) {
            return;
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("considering field '" + spec.path() + "' of " + spec.type()
                    + ": cannot set or create an empty field name");
        }
        String field = fields.get(index);
        if (index == fields.size() - 1) {
            JsonNode leaf = map.get(field);
            if (!YamlFields.isAbsent(leaf) || create && !spec.isList(index)) {
                visitor.visit(map, field);
            }
            return;
        }
        JsonNode next = map.get(field);
        if (YamlFields.isAbsent(next)) {
            if (!create || spec.isList(index)) {
                return;
            }
            next = map.putObject(field);
        }
        walk(next, spec, fields, index + 1, create, visitor);
    }
}
