package io.gitops4j.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the unknown fields of one Application while it is read, and turns them into
 * {@link ApplicationWarning}s with the line of each field when the Application's YAML text is at
 * hand ({@link FieldLines}), else the line of its document.
 */
final class FieldWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(FieldWarnings.class);

    private final YamlDocument document;
    private final Optional<String> text;
    private final String application;
    private final List<ApplicationFields.UnknownField> found = new ArrayList<>();

    /**
     * @param document the Application's document
     * @param text the YAML stream it was read from; empty for an object not read from text
     * @param application the Application's name
     */
    FieldWarnings(YamlDocument document, Optional<String> text, String application) {
        this.document = document;
        this.text = text;
        this.application = application;
    }

    /** Notes the fields of {@code block} Argo CD's Application does not have at {@code schemaPath}. */
    void check(JsonNode block, String schemaPath, String path) {
        found.addAll(ApplicationFields.unknown(block, schemaPath, path));
    }

    /** Whether {@code field} (a full path) was found unknown. */
    boolean isUnknown(String field) {
        return found.stream().anyMatch(f -> f.field().equals(field));
    }

    /** {@return the warnings, in the order the fields were met, each logged once} */
    List<ApplicationWarning> warnings() {
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> lines = text.map(t -> FieldLines.of(t, document.line()))
                .orElse(Map.of());
        int documentLine = text.isPresent() ? document.line() : 0;
        List<ApplicationWarning> warnings = new ArrayList<>();
        for (ApplicationFields.UnknownField field : found) {
            ApplicationWarning warning = new ApplicationWarning(document.source(),
                    lines.getOrDefault(field.field(), documentLine), application, field.field(), field.suggestion(),
                    field.known());
            LOG.debug("{}", warning.message());
            warnings.add(warning);
        }
        return warnings;
    }
}
