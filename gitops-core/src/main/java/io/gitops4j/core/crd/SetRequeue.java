package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Generates the ApplicationSets with a {@code clusters} generator again after a cluster Secret was
 * added, changed or deleted (or listed again after a watch ended), so they follow the Secrets at once.
 */
final class SetRequeue implements ClusterSecretInformer.Consumer {

    private final ApplicationSetCrdController sets;

    SetRequeue(ApplicationSetCrdController sets) {
        this.sets = sets;
    }

    @Override
    public void listed(List<ObjectNode> secrets) {
        sets.clustersChanged();   // at start no set is known yet: nothing to generate
    }

    @Override
    public void changed(ObjectNode secret) {
        sets.clustersChanged();
    }

    @Override
    public void deleted(String name) {
        sets.clustersChanged();
    }
}
