package io.gitops4j.core.reconcile;

import io.gitops4j.core.model.Application;
import io.gitops4j.k8s.sync.DesiredState;
import io.gitops4j.render.SourceType;
import java.util.List;
import java.util.Objects;

/**
 * What Git wants for an application at one commit: rendered, placed in the destination namespace
 * and marked with the application's tracking, ready to compare (Argo CD's target objects).
 *
 * @param app the application as it was when rendered (a changed spec needs a new render)
 * @param revision the commit rendered (for a chart from a Helm repository: the chart version)
 * @param revisionMessage the first line of the commit message (the chart, for a Helm repository)
 * @param sourceType how the source was rendered
 * @param desired the objects
 * @param revisions for an application with several sources, the revision of each source in the
 *     order of {@code spec.sources} (Argo CD's {@code status.sync.revisions}); {@code revision} is
 *     then their {@link SourceRevisions#join join}. Empty for one source
 */
public record TargetState(Application app, String revision, String revisionMessage, SourceType sourceType,
        DesiredState desired, List<String> revisions) {

    /**
     * Requires every field but the message (empty when missing) and the revisions (an empty list).
     *
     * @param app the application as it was when rendered (a changed spec needs a new render)
     * @param revision the commit rendered (for a chart from a Helm repository: the chart version)
     * @param revisionMessage the first line of the commit message (the chart, for a Helm repository)
     * @param sourceType how the source was rendered
     * @param desired the objects
     * @param revisions for an application with several sources, the revision of each source in the order of
     *     {@code spec.sources} (Argo CD's {@code status.sync.revisions}); {@code revision} is then their {@link
     *     SourceRevisions#join join}. Empty for one source
     */
    public TargetState {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(revision, "revision");
        revisionMessage = revisionMessage == null ? "" : revisionMessage;
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(desired, "desired");
        revisions = revisions == null ? List.of() : List.copyOf(revisions);
    }

    /**
     * The target of an application with one source.
     *
     * @param app the application as it was when rendered (a changed spec needs a new render)
     * @param revision the commit rendered (for a chart from a Helm repository: the chart version)
     * @param revisionMessage the first line of the commit message (the chart, for a Helm repository)
     * @param sourceType how the source was rendered
     * @param desired the objects
     */
    public TargetState(Application app, String revision, String revisionMessage, SourceType sourceType,
            DesiredState desired) {
        this(app, revision, revisionMessage, sourceType, desired, List.of());
    }
}
