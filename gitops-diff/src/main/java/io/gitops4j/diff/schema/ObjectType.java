package io.gitops4j.diff.schema;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The schema of one object type: a struct (a Kubernetes definition such as
 * {@code core.v1.PodSpec}) with the fields that have list semantics, special formats or nested
 * types of their own, or a map (such as {@code labels} or {@code resources.limits}) whose every
 * entry has the same schema. Fields a struct does not list are {@link FieldSchema#UNTYPED}.
 * Types may be recursive.
 */
public final class ObjectType {

    /** The type of anything the schema does not describe (custom resources, unknown fields). */
    public static final ObjectType UNTYPED = new ObjectType("", false);

    private final String name;
    private final boolean atomic;
    private final Map<String, FieldSchema> fields = new HashMap<>();
    private final FieldSchema entries;

    ObjectType(String name, boolean atomic) {
        this.name = name;
        this.atomic = atomic;
        this.entries = null;
    }

    /** A map type whose every entry has the schema {@code entries}. */
    ObjectType(String name, FieldSchema entries) {
        this.name = name;
        this.atomic = false;
        this.entries = entries;
    }

    void addField(String fieldName, FieldSchema field) {
        fields.put(fieldName, field);
    }

    /**
     * The definition name, for example {@code core.v1.PodSpec}; empty for {@link #UNTYPED}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Whether the schema describes nothing of this type.
     *
     * @return {@code true} for {@link #UNTYPED}
     */
    public boolean isUntyped() {
        return this == UNTYPED;
    }

    /**
     * Whether this is a map (its keys are data, such as label names) rather than a struct (its
     * keys are declared field names). Server-side apply owns map entries as fields of their own.
     *
     * @return whether it is a map
     */
    public boolean isMap() {
        return entries != null;
    }

    /**
     * Whether the object is one value for field ownership ({@code x-kubernetes-map-type: atomic},
     * such as label selectors): a server-side apply owns it whole, not field by field.
     *
     * @return whether it is atomic
     */
    public boolean isAtomic() {
        return atomic;
    }

    /**
     * What the schema says about a field (for a map: about any entry);
     * {@link FieldSchema#UNTYPED} when nothing.
     *
     * @param fieldName the field's name, or the map's key
     * @return the field's schema
     */
    public FieldSchema field(String fieldName) {
        if (entries != null) {
            return entries;
        }
        FieldSchema field = fields.get(fieldName);
        return field == null ? FieldSchema.UNTYPED : field;
    }

    /**
     * The described fields by name.
     *
     * @return the fields, unmodifiable
     */
    public Map<String, FieldSchema> fields() {
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public String toString() {
        return isUntyped() ? "untyped" : name;
    }
}
