package io.gitops4j.core;

import io.gitops4j.core.crd.CustomResourceDefinitions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/** Argo CD's own CRDs for the tests over HTTP, from ../shared, or GitOps4J's minimal one of the same kind where absent. */
final class ArgoCdCrds {

    private ArgoCdCrds() {
    }

    /**
     * @param files the CRDs' files
     * @return their YAML documents, one stream
     */
    static String yaml(String... files) {
        return Arrays.stream(files).map(ArgoCdCrds::crd).collect(Collectors.joining("\n---\n"));
    }

    /**
     * @param file the CRD's file in {@code shared/data/argocd-crds}, such as {@code application-crd.yaml.gz}
     * @return its YAML
     */
    static String crd(String file) {
        for (Path dir : List.of(Path.of("../../shared/data/argocd-crds"), Path.of("/work/shared/data/argocd-crds"))) {
            Path crd = dir.resolve(file);
            if (Files.exists(crd)) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(crd))) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        String kind = file.substring(0, file.indexOf("-crd")) + "s.argoproj.io";
        return List.of(CustomResourceDefinitions.yaml().split("\n---\n")).stream()
                .filter(doc -> doc.contains("name: " + kind)).findFirst().orElseThrow();
    }
}
