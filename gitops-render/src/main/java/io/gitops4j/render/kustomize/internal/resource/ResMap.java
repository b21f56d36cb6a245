package io.gitops4j.render.kustomize.internal.resource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * The resources of a build, in order, with Kustomize's rule that no two share an id.
 * Errors are {@link IllegalArgumentException}s with Kustomize's wording; the caller adds the
 * kustomization file.
 */
public final class ResMap {

    private final List<Resource> resources = new ArrayList<>();

    /** The resources in order; the list itself is read-only. */
    public List<Resource> resources() {
        return Collections.unmodifiableList(resources);
    }

    public int size() {
        return resources.size();
    }

    /**
     * Appends a resource.
     *
     * @throws IllegalArgumentException when a resource with the same current id is already there
     */
    public void append(Resource resource) {
        ResId id = resource.currentId();
        for (Resource existing : resources) {
            if (existing.currentId().sameAs(id)) {
                throw new IllegalArgumentException("may not add resource with an already registered id: " + id);
            }
        }
        resources.add(resource);
    }

    /** Appends every resource of another map, in its order. */
    public void appendAll(ResMap other) {
        other.resources.forEach(this::append);
    }

    /** Removes a resource (by identity). */
    public void remove(Resource resource) {
        resources.removeIf(r -> r == resource);
    }

    /** Removes every resource the predicate accepts. */
    public void removeIf(Predicate<Resource> predicate) {
        resources.removeIf(predicate);
    }

    /** Replaces the list content, for sorting. */
    public void reorder(List<Resource> ordered) {
        resources.clear();
        resources.addAll(ordered);
    }

    /** Resources one of whose ids, current or earlier, the predicate accepts. */
    public List<Resource> matchingAnyId(Predicate<ResId> predicate) {
        List<Resource> result = new ArrayList<>();
        for (Resource resource : resources) {
            if (resource.allIds().stream().anyMatch(predicate)) {
                result.add(resource);
            }
        }
        return result;
    }

    /**
     * Adds a generated resource, honouring its behavior: {@code create} needs no resource with
     * the same id, {@code merge} and {@code replace} need exactly one, which keeps its place,
     * name, namespace and history.
     */
    public void absorb(Resource generated) {
        ResId id = generated.currentId();
        List<Resource> matches = matchingAnyId(id::sameAs);
        if (matches.isEmpty()) {
            if (generated.behavior() != Resource.Behavior.CREATE) {
                throw new IllegalArgumentException("id " + id + " does not exist; cannot merge or replace");
            }
            append(generated);
            return;
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("found multiple objects " + matches + " that could accept merge of " + id);
        }
        Resource old = matches.get(0);
        switch (generated.behavior()) {
            case REPLACE -> GeneratedMerge.copyMetadata(old, generated);
            case MERGE -> {
                GeneratedMerge.copyMetadata(old, generated);
                GeneratedMerge.mergeData(old, generated);
                generated.origin(old.origin());
            }
            default -> throw new IllegalArgumentException("id " + id + " exists; behavior must be merge or replace");
        }
        resources.set(resources.indexOf(old), generated);
    }
}
