package io.gitops4j.k8s.health.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;

/**
 * {@code bitnami.com/SealedSecret}: the controller's {@code Synced} condition, as Argo CD reads
 * it. The first {@code Synced} condition that is true (the Secret was unsealed) is Healthy, one
 * that is false (no key could decrypt it, the Secret exists unmanaged, ...) is Degraded, both
 * with its message; until one says either, Progressing.
 */
final class SealedSecretHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode sealedSecret) {
        return Optional.of(ObjectFields.trueOrFalse(sealedSecret, "Synced")
                .orElse(Health.progressing("Waiting for Sealed Secret to be decrypted")));
    }
}
