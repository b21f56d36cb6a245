package io.gitops4j.cli;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.core.engine.ClusterStateStore;
import io.gitops4j.core.engine.StoredState;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.Applications;
import io.gitops4j.kube.GitOpsException;
import java.nio.file.Path;
import java.util.List;

/**
 * The application an Application YAML file names, and the state the application controller
 * keeps of it in the cluster ({@link ClusterStateStore}).
 */
record StoredApplication(Application app, StoredState state) {

    static StoredApplication read(Path file, String appName, Cluster cluster, String stateNamespace) {
        List<Application> apps = Applications.read(file);
        Application app;
        if (appName != null) {
            app = apps.stream().filter(a -> a.name().equals(appName)).findFirst().orElseThrow(() -> new GitOpsException(
                    file + " has no application " + appName + "; it has " + apps.stream().map(Application::name).toList()));
        } else if (apps.size() == 1) {
            app = apps.get(0);
        } else {
            throw new GitOpsException(file + " holds " + apps.size() + " applications "
                    + apps.stream().map(Application::name).toList() + "; name one with --app");
        }
        StoredState state = new ClusterStateStore(cluster, stateNamespace).load(app.name())
                .orElseThrow(() -> new GitOpsException("application " + app.name() + " has no state in ConfigMap "
                        + stateNamespace + "/" + ClusterStateStore.configMapName(app.name())
                        + ": no application controller with a ClusterStateStore in " + stateNamespace
                        + " has reconciled it yet (or pass --state-namespace)"))
                .state();
        return new StoredApplication(app, state);
    }
}
