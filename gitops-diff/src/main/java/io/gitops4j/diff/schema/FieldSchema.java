package io.gitops4j.diff.schema;

import java.util.List;
import java.util.Set;

/**
 * What the schema says about one field of an object.
 *
 * @param type the object type of the field's value, or of its items (lists) or values (maps);
 *     {@link ObjectType#UNTYPED} for scalars and for anything the schema does not describe
 * @param format the scalar format of the value, or of its items or values
 * @param listType how the items of a list field are identified
 * @param listMapKeys the key fields of a {@link ListType#MAP} list (empty otherwise)
 * @param patchMergeKey the strategic merge patch merge key of a list of objects, or empty
 * @param patchStrategies the strategic merge patch strategies of the field
 */
public record FieldSchema(
        ObjectType type,
        ValueFormat format,
        ListType listType,
        List<String> listMapKeys,
        String patchMergeKey,
        Set<PatchStrategy> patchStrategies) {

    /** A field the schema knows nothing about: maps merge, lists are atomic. */
    public static final FieldSchema UNTYPED = new FieldSchema(
            ObjectType.UNTYPED, ValueFormat.NONE, ListType.ATOMIC, List.of(), "", Set.of());

    /**
     * Copies the lists.
     *
     * @param type the object type of the field's value, or of its items (lists) or values (maps);
     *     {@link ObjectType#UNTYPED} for scalars and for anything the schema does not describe
     * @param format the scalar format of the value, or of its items or values
     * @param listType how the items of a list field are identified
     * @param listMapKeys the key fields of a {@link ListType#MAP} list (empty otherwise)
     * @param patchMergeKey the strategic merge patch merge key of a list of objects, or empty
     * @param patchStrategies the strategic merge patch strategies of the field
     */
    public FieldSchema {
        listMapKeys = List.copyOf(listMapKeys);
        patchStrategies = Set.copyOf(patchStrategies);
    }

    /**
     * Whether a strategic merge patch merges this list instead of replacing it.
     *
     * @return whether its patch strategy is {@code merge}
     */
    public boolean mergesList() {
        return patchStrategies.contains(PatchStrategy.MERGE);
    }

    /**
     * Whether a strategic merge patch replaces this object instead of merging into it.
     *
     * @return whether its patch strategy is {@code replace}
     */
    public boolean replaces() {
        return patchStrategies.contains(PatchStrategy.REPLACE);
    }

    /**
     * Whether patches of this object (or of the items of this list) carry {@code $retainKeys}.
     *
     * @return whether its patch strategy includes {@code retainKeys}
     */
    public boolean retainsKeys() {
        return patchStrategies.contains(PatchStrategy.RETAIN_KEYS);
    }
}
