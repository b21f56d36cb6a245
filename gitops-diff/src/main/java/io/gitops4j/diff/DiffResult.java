package io.gitops4j.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The comparison of one desired object with its live counterpart.
 *
 * <p>For Secrets, everything but {@code modified} is masked ({@link io.gitops4j.diff.mask.SecretMasker}):
 * {@code data} values are runs of {@code +}, equal where the real values are equal. The verdict
 * itself is taken on the real values.
 *
 * @param modified whether applying the desired object would change the live one
 * @param normalizedLive the live object without the fields the comparison ignores (server
 *     metadata, status, ignoreDifferences)
 * @param predictedLive what the live object would be after applying the desired one, normalized
 *     the same way; equal to {@code normalizedLive} when {@code modified} is false
 * @param patch the RFC 6902 JSON Patch operations that turn {@code normalizedLive} into
 *     {@code predictedLive} (an empty array when not modified)
 * @param textDiff a unified diff of the YAML of {@code normalizedLive} ({@code ---}) and
 *     {@code predictedLive} ({@code +++}), empty when not modified
 * @param mode how the objects were compared
 */
public record DiffResult(
        boolean modified,
        ObjectNode normalizedLive,
        ObjectNode predictedLive,
        JsonNode patch,
        String textDiff,
        DiffMode mode) {
}
