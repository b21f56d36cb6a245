package io.gitops4j.core.crd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * GitOps4J's own minimal CustomResourceDefinitions of Argo CD's {@code argoproj.io/v1alpha1}
 * Application, AppProject and ApplicationSet, for clusters without Argo CD ({@code gitops crds}):
 * the same group, kinds, names, short names and printer columns as Argo CD's, with schemas that
 * keep every field. As in Argo CD, the Application has no status subresource.
 */
public final class CustomResourceDefinitions {

    private CustomResourceDefinitions() {
    }

    /** {@return the three definitions as one YAML stream, ready for {@code kubectl apply -f -}} */
    public static String yaml() {
        try (InputStream in = CustomResourceDefinitions.class.getResourceAsStream("crds.yaml")) {
            if (in == null) {
                throw new IllegalStateException("crds.yaml is missing from the gitops-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read crds.yaml from the gitops-core jar", e);
        }
    }
}
