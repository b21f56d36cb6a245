package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.fields.FieldSet;
import io.gitops4j.diff.fields.ManagedFieldsEntry;
import io.gitops4j.diff.schema.ObjectType;
import io.gitops4j.kube.KubernetesObjects;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code metadata.managedFields} of stored objects, kept as an API server keeps them: one
 * entry per manager, operation ({@code Apply} or {@code Update}) and subresource, each with the
 * {@code fieldsV1} it owns and the time that set last changed. An Update takes ownership of the
 * fields it changed from every other manager; no entry keeps fields the object no longer has;
 * entries left empty disappear.
 *
 * <p>The decoded entries of a stored object are kept beside it ({@link ObjectStore#derived}),
 * and an entry a write does not change keeps its JSON, so a write decodes and encodes only what
 * changes.
 */
final class ManagedFields {

    private ManagedFields() {
    }

    /**
     * One entry; {@code time} is kept as written.
     *
     * @param json the entry as stored, while it is unchanged; {@code null} once changed
     */
    record Entry(String manager, String operation, String apiVersion, String time, String subresource, FieldSet fields,
            JsonNode json) {

        boolean isFor(String otherManager, String otherOperation, String otherSubresource) {
            return manager.equals(otherManager) && operation.equals(otherOperation) && subresource.equals(otherSubresource);
        }

        /** This entry with another set; itself when the set is the same, with a new time otherwise. */
        Entry withFields(FieldSet newFields, String now) {
            return newFields.equals(fields) ? this
                    : new Entry(manager, operation, apiVersion, now, subresource, newFields, null);
        }
    }

    /** The decoded entries of a stored object. */
    record Entries(List<Entry> list) {
    }

    /**
     * Who writes: the manager, the API version written in, the subresource written through (empty
     * for none), and the schema of that version, which names the fields.
     */
    record Writer(String manager, String apiVersion, String subresource, ObjectType schema) {

        boolean status() {
            return subresource.equals("status");
        }
    }

    /** The entries of a stored object, decoded once while it is stored. */
    static List<Entry> of(ObjectNode stored, ObjectStore store) {
        return store.derived(stored, Entries.class, object -> new Entries(decode(object))).list();
    }

    /** The entries an object's {@code metadata.managedFields} holds, as written. */
    static List<Entry> decode(JsonNode object) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode entry : object.path("metadata").path("managedFields")) {
            entries.add(new Entry(entry.path("manager").asText(""), entry.path("operation").asText(""),
                    entry.path("apiVersion").asText(""), entry.path("time").asText(""),
                    entry.path("subresource").asText(""), FieldSet.fromFieldsV1(entry.get("fieldsV1")), entry));
        }
        return List.copyOf(entries);
    }

    /**
     * Remembers the entries of an object just stored, as {@link #write} returned them, so the next
     * write to it does not decode them again.
     */
    static void remember(ObjectNode stored, Entries written, ObjectStore store) {
        store.derived(stored, Entries.class, object -> written);
    }

    /**
     * Writes entries into an object, dropping empty ones (and the field when none is left).
     *
     * @return the entries as written, each with its JSON: what {@link #decode} would read back
     */
    static Entries write(ObjectNode object, List<Entry> entries) {
        ObjectNode metadata = KubernetesObjects.metadata(object);
        ArrayNode array = metadata.arrayNode();
        List<Entry> written = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.fields().isEmpty()) {
                continue;
            }
            if (entry.json() != null) {
                array.add(entry.json());
                written.add(entry);
                continue;
            }
            ObjectNode json = array.addObject().put("manager", entry.manager()).put("operation", entry.operation())
                    .put("apiVersion", entry.apiVersion()).put("time", entry.time()).put("fieldsType", "FieldsV1");
            json.set("fieldsV1", entry.fields().toFieldsV1());
            if (!entry.subresource().isEmpty()) {
                json.put("subresource", entry.subresource());
            }
            written.add(new Entry(entry.manager(), entry.operation(), entry.apiVersion(), entry.time(),
                    entry.subresource(), entry.fields(), json));
        }
        if (array.isEmpty()) {
            metadata.remove("managedFields");
        } else {
            metadata.set("managedFields", array);
        }
        return new Entries(List.copyOf(written));
    }

    /**
     * The fields of an object the writer can own: a write through the status subresource owns
     * only {@code status}; a write to the main resource of a kind whose status is a subresource
     * owns everything but {@code status}.
     */
    static FieldSet ownable(ObjectNode object, Writer writer, boolean statusSubresource) {
        if (writer.status()) {
            ObjectNode onlyStatus = object.objectNode();
            onlyStatus.set("apiVersion", object.get("apiVersion"));
            onlyStatus.set("kind", object.get("kind"));
            if (object.has("status")) {
                onlyStatus.set("status", object.get("status"));
            }
            return FieldSet.of(onlyStatus, writer.schema());
        }
        if (statusSubresource && object.has("status")) {
            ObjectNode withoutStatus = object.objectNode();
            object.properties().forEach(e -> {
                if (!e.getKey().equals("status")) {
                    withoutStatus.set(e.getKey(), e.getValue());
                }
            });
            return FieldSet.of(withoutStatus, writer.schema());
        }
        return FieldSet.of(object, writer.schema());
    }

    /**
     * Records an Update-operation write (create, update, patch, status update) of {@code next},
     * which replaces {@code previous} ({@code null} on create): the writer owns what it changed,
     * other managers lose it.
     */
    static void recordUpdate(ObjectNode previous, ObjectNode next, Writer writer, boolean statusSubresource,
            String now, ObjectStore store) {
        recordUpdate(previous == null ? List.of() : of(previous, store), previous, next, writer, statusSubresource, now);
    }

    /**
     * As {@link #recordUpdate(ObjectNode, ObjectNode, Writer, boolean, String, ObjectStore)}, starting from
     * {@code base} instead of the previous object's entries: the managed fields a client wrote
     * itself, which an API server takes as they are.
     */
    static void recordUpdate(List<Entry> base, ObjectNode previous, ObjectNode next, Writer writer,
            boolean statusSubresource, String now) {
        FieldSet candidates = ownable(next, writer, statusSubresource);
        FieldSet changed = previous == null ? candidates : FieldPaths.changed(candidates, previous, next);
        List<Entry> entries = new ArrayList<>();
        boolean recorded = false;
        for (Entry entry : base) {
            if (entry.isFor(writer.manager(), ManagedFieldsEntry.UPDATE, writer.subresource())) {
                entries.add(entry.withFields(entry.fields().union(changed), now));
                recorded = true;
            } else {
                entries.add(entry.withFields(entry.fields().difference(changed), now));
            }
        }
        if (!recorded) {
            entries.add(new Entry(writer.manager(), ManagedFieldsEntry.UPDATE, writer.apiVersion(), now,
                    writer.subresource(), changed, null));
        }
        write(next, withoutVanishedFields(entries, next, now, writer.schema()));
    }

    /** The entries without the fields {@code object} no longer has. */
    static List<Entry> withoutVanishedFields(List<Entry> entries, ObjectNode object, String now, ObjectType schema) {
        FieldSet present = FieldSet.of(object, schema);
        return entries.stream().map(e -> e.withFields(e.fields().intersection(present), now)).toList();
    }
}
