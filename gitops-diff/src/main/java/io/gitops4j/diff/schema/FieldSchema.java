package io.gitops4j.diff.schema;

import java.util.ArrayList;
import java.util.EnumSet;
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
     * A list field as its schema's extensions describe it, in either spelling (the OpenAPI v2
     * {@code x-kubernetes-*} extensions or their short names in the schema Kustomize embeds): the
     * list type, when not given, follows from the patch strategy and merge key as the API server
     * derives it (merge with a key: a map keyed by it; merge without: a set; else atomic).
     *
     * @param patchStrategy comma-separated patch strategies ({@code merge}, {@code replace},
     *     {@code retainKeys}); unknown ones are ignored
     * @param mergeKey the patch merge key, or empty
     * @param mapKeys the list map keys, possibly empty
     * @param listType {@code map}, {@code set}, {@code atomic} or empty
     */
    static FieldSchema ofList(ObjectType itemType, ValueFormat format, String patchStrategy, String mergeKey,
            List<String> mapKeys, String listType) {
        Set<PatchStrategy> strategies = EnumSet.noneOf(PatchStrategy.class);
        for (String strategy : patchStrategy.split(",")) {
            switch (strategy.trim()) {
                case "merge" -> strategies.add(PatchStrategy.MERGE);
                case "replace" -> strategies.add(PatchStrategy.REPLACE);
                case "retainKeys" -> strategies.add(PatchStrategy.RETAIN_KEYS);
                default -> { }
            }
        }
        ListType type = switch (listType) {
            case "map" -> ListType.MAP;
            case "set" -> ListType.SET;
            case "atomic" -> ListType.ATOMIC;
            default -> !strategies.contains(PatchStrategy.MERGE) ? ListType.ATOMIC
                    : mergeKey.isEmpty() ? ListType.SET : ListType.MAP;
        };
        List<String> keys = new ArrayList<>();
        if (type == ListType.MAP) {
            keys.addAll(mapKeys.isEmpty() && !mergeKey.isEmpty() ? List.of(mergeKey) : mapKeys);
        }
        return new FieldSchema(itemType, format, type, keys, mergeKey, strategies);
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
