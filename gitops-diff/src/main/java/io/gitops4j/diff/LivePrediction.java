package io.gitops4j.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.defaults.ServerDefaults;
import io.gitops4j.diff.fields.FieldSet;
import io.gitops4j.diff.fields.ManagedFieldsEntry;
import io.gitops4j.diff.patch.StrategicMergePatch;
import java.util.List;

/**
 * What the live object would become if the desired one were applied: by server-side apply when
 * our field manager has applied it before, else by {@code kubectl apply}'s three-way strategic
 * merge (against the last-applied configuration when there is one, two-way otherwise).
 *
 * @param predicted the predicted live object
 * @param mode how it was predicted
 */
record LivePrediction(ObjectNode predicted, DiffMode mode) {

    /**
     * @param desired the normalized desired object
     * @param live the normalized live object
     * @param lastApplied the normalized last-applied configuration, or {@code null}
     * @param rawLive the live object as read, for its managed fields
     * @param fieldManager our field manager name
     */
    static LivePrediction of(ObjectNode desired, ObjectNode live, ObjectNode lastApplied, JsonNode rawLive,
            String fieldManager) {
        List<ManagedFieldsEntry> entries = ManagedFieldsEntry.of(rawLive);
        if (entries.stream().anyMatch(entry -> entry.manager().equals(fieldManager) && entry.isApply())) {
            return new LivePrediction(serverSideApply(desired, live, entries, fieldManager), DiffMode.SERVER_SIDE_APPLY);
        }
        ObjectNode patch = StrategicMergePatch.createThreeWay(lastApplied, desired, live);
        ObjectNode predicted = patch.isEmpty() ? live : StrategicMergePatch.apply(live, patch);
        return new LivePrediction(predicted, lastApplied == null ? DiffMode.TWO_WAY : DiffMode.THREE_WAY);
    }

    /**
     * The desired object merged into the live one, minus the fields our manager owned that Git
     * no longer sets and no other manager owns. Fields only other managers own stay as they are.
     */
    private static ObjectNode serverSideApply(ObjectNode desired, ObjectNode live, List<ManagedFieldsEntry> entries,
            String fieldManager) {
        FieldSet ours = FieldSet.empty();
        FieldSet others = FieldSet.empty();
        for (ManagedFieldsEntry entry : entries) {
            if (entry.manager().equals(fieldManager)) {
                ours = ours.union(entry.fields());
            } else {
                others = others.union(entry.fields());
            }
        }
        FieldSet released = ours.difference(FieldSet.of(ServerDefaults.apply(desired))).difference(others);
        ObjectNode merged = StrategicMergePatch.apply(live, desired);
        return released.isEmpty() ? merged : released.removeFrom(merged);
    }
}
