package io.gitops4j.core.engine.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ChildApplicationHandler;
import io.gitops4j.core.model.Applications;
import io.gitops4j.core.reconcile.TargetState;
import io.gitops4j.k8s.sync.DesiredState;
import io.gitops4j.kube.KubernetesObjects;
import java.util.ArrayList;
import java.util.List;

/** Takes the Argo CD Application objects out of a rendered target and hands them to a {@link ChildApplicationHandler}. */
final class ChildApplicationSplit {

    private ChildApplicationSplit() {
    }

    static TargetState split(TargetState target, ChildApplicationHandler handler) {
        List<ObjectNode> kept = new ArrayList<>();
        List<ObjectNode> children = new ArrayList<>();
        for (ObjectNode object : target.desired().objects()) {
            boolean child = KubernetesObjects.kind(object).equals("Application")
                    && KubernetesObjects.apiVersion(object).equals(Applications.API_VERSION);
            (child ? children : kept).add(object);
        }
        handler.rendered(target.app(), target.revision(), List.copyOf(children));
        if (children.isEmpty()) {
            return target;
        }
        DesiredState desired = new DesiredState(target.desired().target(), kept, target.desired().warnings());
        return new TargetState(target.app(), target.revision(), target.revisionMessage(), target.sourceType(), desired,
                target.revisions());
    }
}
