package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ApplyConflictException;
import io.gitops4j.cluster.FieldConflict;
import io.gitops4j.diff.fields.FieldSet;
import io.gitops4j.diff.fields.ManagedFieldsEntry;
import io.gitops4j.diff.fields.PathElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side apply of a configuration onto a live object, as the API server's field manager
 * does it: the applier owns the fields its configuration sets (list items named by all their
 * key fields, defaulted ones included, such as a port's {@code protocol}); the configuration is
 * merged in ({@link StructuredMerge}); a field another manager owns conflicts when
 * the configuration gives it another value (409 listing every such field and its manager),
 * unless forced, which takes the field over; the applier then owns exactly the fields of its
 * configuration; and the fields it owned before and no longer sets are removed, unless another
 * manager still owns them.
 */
final class ServerSideApply {

    private ServerSideApply() {
    }

    /** The object after an apply, and its managedFields entries as written into it. */
    record Applied(ObjectNode object, ManagedFields.Entries managedFields) {
    }

    /**
     * The object after applying {@code configuration} to {@code live} ({@code null} when there
     * is no object yet), with its managedFields.
     *
     * @param configuration the applied configuration, handed over (it is changed and becomes part
     *     of the result): without status when status is a subresource
     *     and the writer writes the main resource; only status when the writer writes the status
     * @throws ApplyConflictException when fields other managers own would change and it is not forced
     */
    static Applied apply(ObjectNode live, ObjectNode configuration, ManagedFields.Writer writer, boolean force,
            String now, ObjectStore store) {
        List<List<PathElement>> completedKeys = StructuredMerge.completeKeys(configuration, writer.schema());
        FieldSet applied = ManagedFields.ownable(configuration, writer, false);
        if (!completedKeys.isEmpty()) {
            applied = applied.difference(FieldPaths.setOf(completedKeys));
        }
        if (live == null) {
            return new Applied(configuration, ManagedFields.write(configuration, List.of(new ManagedFields.Entry(
                    writer.manager(), ManagedFieldsEntry.APPLY, writer.apiVersion(), now, writer.subresource(), applied,
                    null))));
        }
        List<ManagedFields.Entry> entries = new ArrayList<>(ManagedFields.of(live, store));
        Map<Integer, FieldSet> conflictsByEntry = conflicts(entries, applied, live, configuration, writer);
        if (!conflictsByEntry.isEmpty() && !force) {
            throw conflictError(entries, conflictsByEntry);
        }
        conflictsByEntry.forEach((index, conflicting) ->
                entries.set(index, entries.get(index).withFields(entries.get(index).fields().difference(conflicting), now)));
        FieldSet previous = FieldSet.empty();
        FieldSet othersOwn = FieldSet.empty();
        int own = -1;
        for (int i = 0; i < entries.size(); i++) {
            ManagedFields.Entry entry = entries.get(i);
            if (entry.isFor(writer.manager(), ManagedFieldsEntry.APPLY, writer.subresource())) {
                previous = entry.fields();
                own = i;
            } else {
                othersOwn = othersOwn.union(entry.fields());
            }
        }
        ObjectNode merged = StructuredMerge.merge(live, configuration, writer.schema());
        if (merged.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields"); // written afresh below, even where a schema does not say ObjectMeta
        }
        FieldSet released = released(previous.difference(applied), othersOwn);
        ObjectNode result = released.isEmpty() ? merged : released.removeFrom(merged, writer.schema());
        if (own >= 0) {
            entries.set(own, entries.get(own).withFields(applied, now));
        } else {
            entries.add(new ManagedFields.Entry(writer.manager(), ManagedFieldsEntry.APPLY, writer.apiVersion(), now,
                    writer.subresource(), applied, null));
        }
        // Only removing released fields, or a null in the configuration, can take fields other managers own away.
        boolean fieldsMayVanish = !released.isEmpty() || containsNull(configuration);
        return new Applied(result, ManagedFields.write(result,
                fieldsMayVanish ? ManagedFields.withoutVanishedFields(entries, result, now, writer.schema()) : entries));
    }

    private static boolean containsNull(JsonNode node) {
        if (!node.isContainerNode()) {
            return node.isNull();
        }
        for (JsonNode child : node) {
            if (containsNull(child)) {
                return true;
            }
        }
        return false;
    }

    /** For each other manager's entry (by index), the applied fields it owns that would get another value. */
    private static Map<Integer, FieldSet> conflicts(List<ManagedFields.Entry> entries, FieldSet applied,
            ObjectNode current, ObjectNode configuration, ManagedFields.Writer writer) {
        Map<Integer, FieldSet> conflicts = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ManagedFields.Entry entry = entries.get(i);
            // Entries of other subresources count: an autoscaler's writes through scale own spec.replicas.
            if (entry.isFor(writer.manager(), ManagedFieldsEntry.APPLY, writer.subresource())) {
                continue;
            }
            List<List<PathElement>> differing = new ArrayList<>();
            for (List<PathElement> path : entry.fields().intersection(applied).paths()) {
                if (isLeafIn(applied, path)
                        && !FieldPaths.sameValue(FieldPaths.valueAt(current, path), FieldPaths.valueAt(configuration, path))) {
                    differing.add(path);
                }
            }
            if (!differing.isEmpty()) {
                conflicts.put(i, FieldPaths.setOf(differing));
            }
        }
        return conflicts;
    }

    /** Whether a path is a member without members below it (a value, not a list item or map). */
    private static boolean isLeafIn(FieldSet set, List<PathElement> path) {
        FieldSet node = set;
        for (PathElement element : path) {
            node = node.child(element);
        }
        return node.childElements().isEmpty();
    }

    /** The fields to remove: released by the applier and owned, whole or in part, by nobody else. */
    private static FieldSet released(FieldSet released, FieldSet othersOwn) {
        List<List<PathElement>> remove = new ArrayList<>();
        for (List<PathElement> path : released.paths()) {
            if (!othersOwn.containsPrefix(path)) {
                remove.add(path);
            }
        }
        return FieldPaths.setOf(remove);
    }

    private static ApplyConflictException conflictError(List<ManagedFields.Entry> entries,
            Map<Integer, FieldSet> conflictsByEntry) {
        List<FieldConflict> conflicts = new ArrayList<>();
        conflictsByEntry.forEach((index, fields) -> {
            ManagedFields.Entry entry = entries.get(index);
            for (List<PathElement> path : fields.paths()) {
                // As the API server words it: the API version of an update, not of an apply.
                String apiVersion = entry.operation().equals(ManagedFieldsEntry.UPDATE) ? entry.apiVersion() : "";
                conflicts.add(new FieldConflict(entry.manager(), apiVersion, FieldPaths.describe(path),
                        entry.subresource()));
            }
        });
        return new ApplyConflictException(ApplyConflictException.messageFor(conflicts), conflicts);
    }
}
