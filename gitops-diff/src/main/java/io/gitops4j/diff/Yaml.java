package io.gitops4j.diff;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes multi-document YAML the way Kubernetes tools do. JSON is valid YAML, so
 * {@code .json} manifests are read by the same code.
 *
 * <p>Reading is strict: a duplicated key is an error (as it is for {@code kubectl}), and every
 * error names the source and line. Writing produces {@code kubectl}-style YAML: block style,
 * documents separated by {@code ---}, quotes only where needed.
 */
public final class Yaml {

    private static final YAMLMapper READER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final ObjectMapper WRITER = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build());

    private Yaml() {
    }

    /**
     * Reads every non-empty document of a YAML stream.
     *
     * @param content the YAML text
     * @param source the file name to report in errors
     * @throws ManifestException naming the source and line when the YAML is malformed or a
     *     document is not a mapping
     */
    public static List<YamlDocument> readDocuments(String content, String source) {
        List<YamlDocument> documents = new ArrayList<>();
        try (JsonParser parser = READER.createParser(content)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node = READER.readTree(parser);
                if (token == JsonToken.VALUE_NULL || node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                if (!(node instanceof ObjectNode object)) {
                    throw new ManifestException(source, line,
                            "a manifest document must be a mapping, found " + describe(node));
                }
                documents.add(new YamlDocument(object, source, line));
            }
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw new ManifestException(source, location == null ? 0 : location.getLineNr(),
                    "malformed YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /**
     * Reads a single YAML value of any type (a list, a mapping or a scalar); a missing node when
     * the text is empty.
     *
     * @throws ManifestException naming the source and line when the YAML is malformed
     */
    public static JsonNode readValue(String content, String source) {
        try {
            JsonNode node = READER.readTree(content);
            return node == null ? READER.missingNode() : node;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw new ManifestException(source, location == null ? 0 : location.getLineNr(),
                    "malformed YAML: " + firstLine(e.getOriginalMessage()));
        }
    }

    /** Writes one object as a YAML document (no {@code ---} marker). */
    public static String write(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written as YAML", e);
        }
    }

    /** Writes objects as one multi-document YAML stream, separated by {@code ---}. */
    public static String writeAll(List<? extends JsonNode> nodes) {
        StringWriter out = new StringWriter();
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) {
                out.write("---\n");
            }
            out.write(write(nodes.get(i)));
        }
        return out.toString();
    }

    private static String describe(JsonNode node) {
        return node.isArray() ? "a list" : "the scalar '" + node.asText() + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable content";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
