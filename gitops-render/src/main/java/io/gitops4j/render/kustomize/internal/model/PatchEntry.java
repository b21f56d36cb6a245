package io.gitops4j.render.kustomize.internal.model;

import java.util.Optional;

/**
 * One entry of {@code patches}, {@code patchesStrategicMerge} or {@code patchesJson6902}: a
 * patch in a file or inline, with an optional target.
 *
 * @param path the patch file, relative to the kustomization; empty when inline
 * @param inline the patch text when given inline; empty when in a file
 * @param target the resources to patch; empty means the resource the patch itself names
 * @param allowNameChange whether a strategic-merge patch may change the name
 * @param allowKindChange whether a strategic-merge patch may change the kind
 */
public record PatchEntry(String path, String inline, Optional<Selector> target, boolean allowNameChange,
        boolean allowKindChange) {
}
