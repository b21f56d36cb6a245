package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.KubernetesObjects;
import java.util.HashMap;
import java.util.Map;

/**
 * The cluster Secrets of a namespace, as the ApplicationSet controller hears of them: a Secret
 * added, changed (its labels too, which a {@code clusters} generator's selector reads) or deleted
 * runs {@code onChange}, as Argo CD's ApplicationSet controller queues its sets with a
 * {@code clusters} generator on every cluster Secret event. What the first list shows is only
 * remembered (the sets are generated as they are listed anyway); an object seen again with the
 * same resourceVersion (a list after a watch ended) changes nothing. Called one event at a time by
 * its {@link NamespaceWatch}.
 */
final class ClusterSecretEvents implements NamespaceWatch.Handler {

    private final Runnable onChange;
    private final Map<String, String> versions = new HashMap<>();
    private volatile boolean listed;

    ClusterSecretEvents(Runnable onChange) {
        this.onChange = onChange;
    }

    /** The first list was told: from now on, what changes runs {@code onChange}. */
    void listed() {
        listed = true;
    }

    @Override
    public void seen(ObjectNode secret) {
        String version = secret.path("metadata").path("resourceVersion").asText("");
        String before = versions.put(KubernetesObjects.name(secret), version);
        if (listed && !version.equals(before)) {
            onChange.run();
        }
    }

    @Override
    public void gone(ObjectNode secret) {
        versions.remove(KubernetesObjects.name(secret));
        if (listed) {
            onChange.run();
        }
    }
}
