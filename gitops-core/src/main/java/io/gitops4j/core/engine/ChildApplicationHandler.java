package io.gitops4j.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.model.Application;
import java.util.List;

/**
 * Takes Argo CD {@code argoproj.io/v1alpha1} Application objects out of what an application
 * renders, for app-of-apps in embedded mode: with a handler set
 * ({@link ApplicationController.Builder#childApplications}), the controller neither compares nor
 * applies them to the cluster, and tells the handler what they are after every render that
 * succeeded (a render that failed tells nothing, so nothing is pruned because of it). Without a
 * handler they are ordinary objects, applied to the cluster as Argo CD applies them.
 * {@code io.gitops4j.core.fleet.Fleet} is the handler that registers them as applications.
 *
 * <p>Called on a worker of the controller, for one application at a time; keep it short.
 */
@FunctionalInterface
public interface ChildApplicationHandler {

    /**
     * The Application objects of one render.
     *
     * @param parent the application rendered
     * @param revision the commit rendered
     * @param children its Application objects, in Git order, possibly none
     */
    void rendered(Application parent, String revision, List<ObjectNode> children);
}
