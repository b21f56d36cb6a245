package io.gitops4j.benchmarks.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reader {@code Yaml.readDocuments} used before issue 12, kept here to compare against:
 * jackson-dataformat-yaml's streaming parser (aliases read as anchor names, duplicate keys
 * refused, SnakeYAML's 3 MB document limit).
 */
final class JacksonYamlReader {

    private static final YAMLMapper READER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JacksonYamlReader() {
    }

    static List<ObjectNode> readDocuments(String content) {
        List<ObjectNode> documents = new ArrayList<>();
        try (JsonParser parser = READER.createParser(content)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonNode node = READER.readTree(parser);
                if (token != JsonToken.VALUE_NULL && node instanceof ObjectNode object) {
                    documents.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }
}
