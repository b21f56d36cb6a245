package io.gitops4j.benchmarks.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The desired and live objects the diff benchmarks use, from {@code /diff/<case>/}. */
final class BenchmarkObjects {

    private BenchmarkObjects() {
    }

    /**
     * @param liveCase {@code kubectl-apply} (live with last-applied and kubectl's managed fields)
     *     or {@code server-side-apply} (live with gitops4j's Apply managed fields)
     * @param file {@code desired.yaml} or {@code live.yaml}
     */
    static ObjectNode read(String liveCase, String file) {
        String path = "/diff/" + liveCase + "/" + file;
        try (InputStream in = Objects.requireNonNull(BenchmarkObjects.class.getResourceAsStream(path), path)) {
            return Yaml.readDocuments(new String(in.readAllBytes(), StandardCharsets.UTF_8), path).get(0).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
