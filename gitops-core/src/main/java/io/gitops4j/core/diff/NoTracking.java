package io.gitops4j.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.k8s.tracking.ResourceTracking;
import java.util.Optional;

/** No tracking mark, no owner: a diff for no application, as {@code kubectl diff} compares. */
final class NoTracking implements ResourceTracking {

    static final NoTracking INSTANCE = new NoTracking();

    private NoTracking() {
    }

    @Override
    public ObjectNode mark(ObjectNode desired, String appName) {
        return desired.deepCopy();
    }

    @Override
    public Optional<String> owningApp(JsonNode live) {
        return Optional.empty();
    }
}
