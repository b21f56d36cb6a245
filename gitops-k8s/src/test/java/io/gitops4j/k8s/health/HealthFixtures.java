package io.gitops4j.k8s.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Reads the fixtures under {@code src/test/resources/health/}. */
final class HealthFixtures {

    private HealthFixtures() {
    }

    static ObjectNode read(String name) {
        String path = "/health/" + name + ".yaml";
        try (InputStream in = Objects.requireNonNull(HealthFixtures.class.getResourceAsStream(path), path)) {
            return Yaml.readDocuments(new String(in.readAllBytes(), StandardCharsets.UTF_8), path).get(0).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
