package io.gitops4j.render.kustomize;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.render.kustomize.internal.patch.PatchSchema;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kustomization's {@code openapi: {path: ...}} document is read through the repository
 * boundary and bounded: a huge, deeply nested or malformed schema is a clear error naming the
 * kustomization and the schema file, never an exhausted heap or stack. (How a valid schema
 * changes strategic merge is in the conformance corpus, {@code openapi-*} cases.)
 */
class KustomizeOpenApiTest {

    @TempDir
    Path repo;

    @BeforeEach
    void resources() throws IOException {
        Files.writeString(repo.resolve("cr.yaml"), "apiVersion: example.com/v1\nkind: Thing\nmetadata:\n  name: t\n");
    }

    @Test
    void aSchemaLargerThanTheBoundIsRefusedWithoutReadingIt() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(repo.resolve("schema.json").toFile(), "rw")) {
            file.setLength(PatchSchema.MAX_SCHEMA_BYTES + 1);
        }

        assertThatThrownBy(() -> render("openapi: {path: schema.json}"))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith("kustomization.yaml: ")
                .hasMessageContaining("the OpenAPI schema schema.json has 16777217 bytes, more than the 16777216 accepted");
    }

    @Test
    void aSchemaNestedBeyondTheBoundIsRefusedNamingTheFile() throws IOException {
        String nested = "{\"type\": \"string\"}";
        for (int i = 0; i < 200; i++) {
            nested = "{\"properties\": {\"x\": " + nested + "}}";
        }
        Files.writeString(repo.resolve("schema.json"), "{\"definitions\": {\"Thing\": {\"properties\": {\"spec\": "
                + nested + "}, \"x-kubernetes-group-version-kind\": [{\"group\": \"example.com\", \"version\": \"v1\", "
                + "\"kind\": \"Thing\"}]}}}");

        assertThatThrownBy(() -> render("openapi: {path: schema.json}"))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith("kustomization.yaml: invalid schema file schema.json: ")
                .hasMessageContaining("deeper than 64 levels");
    }

    @Test
    void aSchemaThatIsNotAnOpenApiDocumentIsRefusedNamingTheFile() throws IOException {
        Files.writeString(repo.resolve("schema.yaml"), "swagger: '2.0'\npaths: {}\n");

        assertThatThrownBy(() -> render("openapi: {path: schema.yaml}"))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("invalid schema file schema.yaml: not an OpenAPI v2 document");
    }

    @Test
    void aSchemaOutsideTheRepositoryIsNotRead(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("schema.json"), "{\"definitions\": {}}");
        Files.createSymbolicLink(repo.resolve("schema.json"), outside.resolve("schema.json"));

        assertThatThrownBy(() -> render("openapi: {path: schema.json}"))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith("kustomization.yaml: ")
                .hasMessageContaining("schema.json");
    }

    private void render(String field) throws IOException {
        Files.writeString(repo.resolve("kustomization.yaml"), "resources: [cr.yaml]\n" + field + "\n");
        KustomizeRenderer.create().render(RepositoryRoot.of(repo), ".");
    }
}
