package io.gitops4j.diff.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Json;
import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.diff.schema.ObjectType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * A set of field paths, as server-side apply records the fields each manager owns in
 * {@code metadata.managedFields[].fieldsV1}. Immutable.
 *
 * <pre>{@code
 * FieldSet owned = FieldSet.fromFieldsV1(entry.get("fieldsV1"));
 * FieldSet applied = FieldSet.of(desired);                   // the fields an object sets
 * FieldSet released = owned.difference(applied);             // what a new apply gives up
 * boolean ownsReplicas = owned.contains(List.of(PathElement.field("spec"), PathElement.field("replicas")));
 * }</pre>
 *
 * <p>A path is in the set as a member; its prefixes are not, unless they are members too (the
 * {@code "."} entry of {@code fieldsV1}). {@link #of(ObjectNode)} follows the API server: scalars,
 * atomic lists, atomic structs, list items, map entries and empty objects are members; struct
 * fields holding non-empty objects are not.
 */
public final class FieldSet {

    /** Metadata fields the API server never records as owned by a manager. */
    public static final List<String> UNOWNED_METADATA = List.of("name", "namespace", "uid", "resourceVersion",
            "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink",
            "managedFields");

    private static final FieldSet EMPTY = new FieldSet(false, Collections.emptySortedMap());

    private final boolean member;
    private final SortedMap<PathElement, FieldSet> children;

    FieldSet(boolean member, SortedMap<PathElement, FieldSet> children) {
        this.member = member;
        this.children = children;
    }

    /**
     * The empty set.
     *
     * @return the empty set
     */
    public static FieldSet empty() {
        return EMPTY;
    }

    /**
     * Decodes a {@code fieldsV1} object.
     *
     *
     * @param fieldsV1 a {@code fieldsV1} object from {@code metadata.managedFields}; {@code null} or missing
     *     for the empty set
     * @return the set
     * @throws GitOpsException when it is not an object of objects keyed by path elements
     */
    public static FieldSet fromFieldsV1(JsonNode fieldsV1) {
        if (fieldsV1 == null || fieldsV1.isNull() || fieldsV1.isMissingNode()) {
            return EMPTY;
        }
        if (!fieldsV1.isObject()) {
            throw new GitOpsException("invalid fieldsV1: expected an object, found " + fieldsV1);
        }
        return decode(fieldsV1, false);
    }

    private static FieldSet decode(JsonNode node, boolean member) {
        TreeMap<PathElement, FieldSet> children = new TreeMap<>();
        boolean self = member;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getKey().equals(".")) {
                self = true;
                continue;
            }
            JsonNode value = entry.getValue();
            if (!value.isObject()) {
                throw new GitOpsException("invalid fieldsV1 entry '" + entry.getKey() + "': expected an object");
            }
            children.put(PathElement.parse(entry.getKey()), decode(value, value.isEmpty()));
        }
        return new FieldSet(self, children);
    }

    /**
     * The fields {@code object} sets, as the API server records them for a manager: read with the
     * list types of its kind ({@link KubernetesSchema}), without the fields nobody owns
     * ({@code apiVersion}, {@code kind}, and the metadata fields {@link #UNOWNED_METADATA}).
     * Call it on the object after defaulting ({@link io.gitops4j.diff.defaults.ServerDefaults}):
     * keyed list items are named by all their key fields, {@code protocol} included. A write to
     * the main resource of a kind with a status subresource should drop {@code status} first.
     *
     * @param object a Kubernetes object, defaulted
     * @return the fields it sets
     */
    public static FieldSet of(ObjectNode object) {
        return of(object, KubernetesSchema.builtIn().typeOf(object));
    }

    /**
     * As {@link #of(ObjectNode)}, read with an explicit schema type.
     *
     * @param object a Kubernetes object, defaulted
     * @param type the schema type to read it with
     * @return the fields it sets
     */
    public static FieldSet of(ObjectNode object, ObjectType type) {
        // Shallow copies of the two levels that lose members: the walker only reads.
        ObjectNode owned = object.objectNode();
        owned.setAll(object);
        owned.remove(List.of("apiVersion", "kind"));
        if (owned.get("metadata") instanceof ObjectNode metadata) {
            ObjectNode ownedMetadata = metadata.objectNode();
            ownedMetadata.setAll(metadata);
            ownedMetadata.remove(UNOWNED_METADATA);
            if (ownedMetadata.isEmpty()) {
                owned.remove("metadata");
            } else {
                owned.set("metadata", ownedMetadata);
            }
        }
        return FieldSetWalker.fieldsOf(owned, type);
    }

    /**
     * Encodes as {@code fieldsV1}, entries sorted as the API server sorts them.
     *
     * @return the {@code fieldsV1} object
     */
    public ObjectNode toFieldsV1() {
        ObjectNode out = Json.object();
        if (member && !children.isEmpty()) {
            out.putObject(".");
        }
        children.forEach((element, child) -> out.set(element.toString(), child.toFieldsV1()));
        return out;
    }

    /**
     * Whether the set holds no path.
     *
     * @return {@code true} when it is empty
     */
    public boolean isEmpty() {
        return !member && children.isEmpty();
    }

    /**
     * Whether {@code path} is a member.
     *
     * @param path a field path, from the object's root
     * @return whether it is a member
     */
    public boolean contains(List<PathElement> path) {
        FieldSet node = this;
        for (PathElement element : path) {
            node = node.children.get(element);
            if (node == null) {
                return false;
            }
        }
        return node.member;
    }

    /**
     * Whether some member starts with {@code prefix} (or is it).
     *
     * @param prefix the start of a field path
     * @return whether a member has that prefix
     */
    public boolean containsPrefix(List<PathElement> prefix) {
        FieldSet node = this;
        for (PathElement element : prefix) {
            node = node.children.get(element);
            if (node == null) {
                return false;
            }
        }
        return !node.isEmpty();
    }

    /**
     * The members below one element, as a set relative to it; empty when there are none.
     *
     * @param element a path element
     * @return the members below it
     */
    public FieldSet child(PathElement element) {
        return children.getOrDefault(element, EMPTY);
    }

    /**
     * Whether the path leading to this (sub)set is itself a member.
     *
     * @return whether it is a member
     */
    public boolean isMember() {
        return member;
    }

    /**
     * The elements with members below them, sorted.
     *
     * @return the elements, sorted as in {@code fieldsV1}
     */
    public List<PathElement> childElements() {
        return List.copyOf(children.keySet());
    }

    /**
     * The paths in both sets.
     *
     * @param other another set
     * @return a set with the paths of both
     */
    public FieldSet union(FieldSet other) {
        if (other.isEmpty() || other == this) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        return combine(other, (a, b) -> a || b, FieldSet::union, true);
    }

    /**
     * The paths in this set and not in {@code other}.
     *
     * @param other another set
     * @return a set with the paths only this one has
     */
    public FieldSet difference(FieldSet other) {
        if (other.isEmpty() || isEmpty()) {
            return this;
        }
        if (other == this) {
            return EMPTY;
        }
        return combine(other, (a, b) -> a && !b, FieldSet::difference, false);
    }

    /**
     * The paths in both this set and {@code other}.
     *
     * @param other another set
     * @return a set with the paths both have
     */
    public FieldSet intersection(FieldSet other) {
        if (isEmpty() || other.isEmpty()) {
            return EMPTY;
        }
        TreeMap<PathElement, FieldSet> merged = new TreeMap<>();
        children.forEach((element, child) -> {
            FieldSet otherChild = other.children.get(element);
            if (otherChild != null) {
                FieldSet both = child.intersection(otherChild);
                if (!both.isEmpty()) {
                    merged.put(element, both);
                }
            }
        });
        return new FieldSet(member && other.member, merged);
    }

    private FieldSet combine(FieldSet other, BinaryOperator<Boolean> members, BinaryOperator<FieldSet> recurse,
            boolean keepOthers) {
        TreeMap<PathElement, FieldSet> merged = new TreeMap<>();
        children.forEach((element, child) -> {
            FieldSet otherChild = other.children.get(element);
            FieldSet result = otherChild == null ? child : recurse.apply(child, otherChild);
            if (!result.isEmpty()) {
                merged.put(element, result);
            }
        });
        if (keepOthers) {
            other.children.forEach((element, child) -> merged.putIfAbsent(element, child));
        }
        return new FieldSet(members.apply(member, other.member), merged);
    }

    /**
     * Every member path, in order.
     *
     * @return the member paths, in the sort order of {@code fieldsV1}
     */
    public List<List<PathElement>> paths() {
        List<List<PathElement>> paths = new ArrayList<>();
        collect(new ArrayList<>(), paths);
        return paths;
    }

    private void collect(List<PathElement> prefix, List<List<PathElement>> paths) {
        if (member && !prefix.isEmpty()) {
            paths.add(List.copyOf(prefix));
        }
        children.forEach((element, child) -> {
            prefix.add(element);
            child.collect(prefix, paths);
            prefix.remove(prefix.size() - 1);
        });
    }

    /**
     * How many member paths the set holds.
     *
     * @return the number of member paths
     */
    public int size() {
        int size = member ? 1 : 0;
        for (FieldSet child : children.values()) {
            size += child.size();
        }
        return size;
    }

    /**
     * The part of {@code object} this set covers: members whole (with only their member
     * children when they have some), everything else left out. For comparing just the fields one
     * manager owns.
     *
     * @param object the object, not changed
     * @return a new object with the covered fields only
     */
    public ObjectNode extractFrom(ObjectNode object) {
        return FieldSetWalker.extract(object, this, KubernetesSchema.builtIn().typeOf(object));
    }

    /**
     * A copy of {@code object} without the members of this set (a member list item or field is
     * removed whole). For dropping the fields an apply no longer sets and nobody else owns.
     *
     * @param object the object, not changed
     * @return the copy
     */
    public ObjectNode removeFrom(ObjectNode object) {
        return removeFrom(object, KubernetesSchema.builtIn().typeOf(object));
    }

    /**
     * As {@link #removeFrom(ObjectNode)}, read with an explicit schema type (a custom resource's, say).
     *
     * @param object the object, not changed
     * @param type the schema type to read it with
     * @return the copy
     */
    public ObjectNode removeFrom(ObjectNode object, ObjectType type) {
        return FieldSetWalker.remove(object, this, type);
    }

    SortedMap<PathElement, FieldSet> children() {
        return children;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldSet set && member == set.member && children.equals(set.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(member, children);
    }

    /** The {@code fieldsV1} JSON. */
    @Override
    public String toString() {
        return Json.write(toFieldsV1());
    }
}
