package io.gitops4j.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.internal.JsonValues;
import io.gitops4j.diff.patch.JsonPatch;
import io.gitops4j.diff.patch.StrategicMergePatch;

/**
 * Decides whether a live object matches the desired object from Git.
 *
 * <p>Both objects are normalized first ({@link ServerFields#strip}), so what the API server adds
 * (uid, resourceVersion, generation, creationTimestamp, managedFields, status) never counts.
 * The desired object is then applied to the live one as a strategic merge patch (list items
 * merge by their keys, so a container's server-filled defaults are kept): the result is the
 * predicted live object, and the objects differ when it is not equal to the live one. Fields only
 * the live object has (set by the server or another controller) are therefore kept and do not
 * count; numbers compare by value.
 */
public final class ResourceDiffer {

    private static final ResourceDiffer DEFAULTS = new ResourceDiffer();

    private ResourceDiffer() {
    }

    /** The differ with default normalization. */
    public static ResourceDiffer defaults() {
        return DEFAULTS;
    }

    /**
     * Compares a desired object with the live object of the same identity.
     *
     * @param desired the object as rendered from Git
     * @param live the object as read from the cluster
     */
    public DiffResult diff(ObjectNode desired, ObjectNode live) {
        ObjectNode normalizedLive = ServerFields.strip(live);
        ObjectNode patch = StrategicMergePatch.createThreeWay(null, ServerFields.strip(desired), normalizedLive);
        ObjectNode predictedLive = patch.isEmpty() ? normalizedLive : StrategicMergePatch.apply(normalizedLive, patch);
        boolean modified = !JsonValues.equal(normalizedLive, predictedLive);
        JsonNode operations = modified ? JsonPatch.diff(normalizedLive, predictedLive) : Json.mapper().createArrayNode();
        return new DiffResult(modified, normalizedLive, predictedLive, operations);
    }
}
