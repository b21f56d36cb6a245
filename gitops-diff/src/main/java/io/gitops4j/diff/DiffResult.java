package io.gitops4j.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The comparison of one desired object with its live counterpart.
 *
 * @param modified whether applying the desired object would change the live one
 * @param normalizedLive the live object without the fields the comparison ignores
 * @param predictedLive what the live object would be after applying the desired one, normalized
 *     the same way; equal to {@code normalizedLive} exactly when {@code modified} is false
 * @param patch the RFC 6902 JSON Patch operations that turn {@code normalizedLive} into
 *     {@code predictedLive} (an empty array when not modified)
 */
public record DiffResult(boolean modified, ObjectNode normalizedLive, ObjectNode predictedLive, JsonNode patch) {
}
