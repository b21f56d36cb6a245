package io.gitops4j.fake.internal.controllers;

import io.gitops4j.fake.internal.FakeApi;

/**
 * Runs the simulated controllers of a fake cluster, one pass per tick: the kubelets first, then
 * the ReplicaSet, StatefulSet, DaemonSet, Job and Deployment controllers, each over every object
 * of its kind, all under the cluster's lock; watch events follow the tick.
 */
public final class ControllerManager {

    private final FakeApi api;
    private final ControllerSettings settings = new ControllerSettings();
    private final Kubelet kubelet = new Kubelet();
    private final ReplicaSetController replicaSets = new ReplicaSetController();
    private final StatefulSetController statefulSets = new StatefulSetController();
    private final DaemonSetController daemonSets = new DaemonSetController();
    private final JobController jobs = new JobController();
    private final DeploymentController deployments = new DeploymentController();

    public ControllerManager(FakeApi api) {
        this.api = api;
    }

    public ControllerSettings settings() {
        return settings;
    }

    /**
     * Runs one pass of every controller.
     *
     * @return whether the pass changed anything
     */
    public boolean tick() {
        return api.write(() -> {
            long before = api.state().store().revision();
            ControllerContext context = new ControllerContext(api.state(), api.writes(), api.deletions(), settings);
            kubelet.tick(context);
            replicaSets.tick(context);
            statefulSets.tick(context);
            daemonSets.tick(context);
            jobs.tick(context);
            deployments.tick(context);
            return api.state().store().revision() != before;
        });
    }
}
