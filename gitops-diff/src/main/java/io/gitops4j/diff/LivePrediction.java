package io.gitops4j.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.defaults.ServerDefaults;
import io.gitops4j.diff.fields.FieldSet;
import io.gitops4j.diff.fields.ManagedFieldsEntry;
import io.gitops4j.diff.patch.StrategicMergePatch;

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
        if (hasAppliedAs(rawLive, fieldManager)) {
            return new LivePrediction(serverSideApply(desired, live, rawLive.path("metadata").path("managedFields"),
                    fieldManager), DiffMode.SERVER_SIDE_APPLY);
        }
        ObjectNode patch = StrategicMergePatch.createThreeWay(lastApplied, desired, live);
        ObjectNode predicted = patch.isEmpty() ? live : StrategicMergePatch.apply(live, patch);
        return new LivePrediction(predicted, lastApplied == null ? DiffMode.TWO_WAY : DiffMode.THREE_WAY);
    }

    /** Whether the live object has an Apply entry of our manager (checked without decoding any field set). */
    private static boolean hasAppliedAs(JsonNode rawLive, String fieldManager) {
        for (JsonNode entry : rawLive.path("metadata").path("managedFields")) {
            if (fieldManager.equals(entry.path("manager").asText())
                    && ManagedFieldsEntry.APPLY.equals(entry.path("operation").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The desired object merged into the live one, minus the fields our manager owned that Git
     * no longer sets and no other manager owns. Fields only other managers own stay as they are.
     */
    private static ObjectNode serverSideApply(ObjectNode desired, ObjectNode live, JsonNode managedFields,
            String fieldManager) {
        FieldSet ours = FieldSet.empty();
        for (JsonNode entry : managedFields) {
            if (fieldManager.equals(entry.path("manager").asText())) {
                ours = ours.union(FieldSet.fromFieldsV1(entry.get("fieldsV1")));
            }
        }
        FieldSet released = ours.difference(FieldSet.of(ServerDefaults.fillDefaults(desired)));
        for (JsonNode entry : managedFields) {
            if (released.isEmpty()) {
                break;
            }
            if (!fieldManager.equals(entry.path("manager").asText())) {
                released = released.difference(FieldSet.fromFieldsV1(entry.get("fieldsV1")));
            }
        }
        ObjectNode patch = StrategicMergePatch.createThreeWay(null, desired, live);
        ObjectNode merged = patch.isEmpty() ? live : StrategicMergePatch.apply(live, patch);
        return released.isEmpty() ? merged : released.removeFrom(merged);
    }
}
