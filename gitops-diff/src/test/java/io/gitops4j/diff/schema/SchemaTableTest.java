package io.gitops4j.diff.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed schema table is exactly what {@link SchemaTableGenerator} derives from the shared
 * OpenAPI definitions and the hand-written additions. Run with {@code -Dschema.write=true} to
 * rewrite it after changing either.
 */
class SchemaTableTest {

    private static final Path OPENAPI = Path.of("../../shared/data/kubernetes-openapi-v1.21.2.json.gz");
    private static final Path ADDITIONS = Path.of("src/schema/kubernetes-schema-additions.json");
    private static final Path TABLE = Path.of("src/main/resources/io/gitops4j/diff/schema/kubernetes-schema.json");

    @Test
    void theCommittedTableIsWhatTheGeneratorProduces() throws IOException {
        assumeTrue(Files.exists(OPENAPI), "the shared OpenAPI definitions are not beside the checkout");
        String generated = SchemaTableGenerator.generate(OPENAPI, ADDITIONS);
        if (Boolean.getBoolean("schema.write")) {
            Files.writeString(TABLE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(TABLE, StandardCharsets.UTF_8))
                .as("%s is stale: rerun this test with -Dschema.write=true", TABLE)
                .isEqualTo(generated);
    }
}
