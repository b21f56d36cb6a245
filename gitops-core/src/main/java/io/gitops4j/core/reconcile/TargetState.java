package io.gitops4j.core.reconcile;

import io.gitops4j.core.model.Application;
import io.gitops4j.k8s.sync.DesiredState;
import io.gitops4j.render.SourceType;
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
 */
public record TargetState(Application app, String revision, String revisionMessage, SourceType sourceType,
        DesiredState desired) {

    public TargetState {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(revision, "revision");
        revisionMessage = revisionMessage == null ? "" : revisionMessage;
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(desired, "desired");
    }
}
