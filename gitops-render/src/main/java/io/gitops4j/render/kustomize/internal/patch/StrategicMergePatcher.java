package io.gitops4j.render.kustomize.internal.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies a Kubernetes strategic merge patch to one object. The implementation lives in
 * gitops-diff (one strategic merge for the whole project); until it is there, patches that need
 * it fail with a clear "not supported yet" error.
 */
@FunctionalInterface
public interface StrategicMergePatcher {

    /** The message of the error raised while strategic merge is not available. */
    String NOT_SUPPORTED = "strategic merge patches are not supported yet (patchesStrategicMerge, and patches "
            + "that are not JSON 6902 operation lists); use a JSON 6902 patch for now";

    /** A patcher that refuses every patch with {@link #NOT_SUPPORTED}. */
    StrategicMergePatcher UNSUPPORTED = (target, patch) -> {
        throw new UnsupportedOperationException(NOT_SUPPORTED);
    };

    /** The patched copy of {@code target}. */
    ObjectNode apply(ObjectNode target, ObjectNode patch);
}
