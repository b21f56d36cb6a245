package io.gitops4j.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.gitops4j.kube.internal.yaml.GoYamlQuoting;
import java.io.StringWriter;
import java.util.List;

/**
 * Reads and writes multi-document YAML the way Kubernetes tools do. JSON is valid YAML, so
 * {@code .json} manifests are read by the same code.
 *
 * <p>Reading is {@link YamlReader#defaults()}: aliases and merge keys expanded, scalars as
 * kubectl and kyaml agree to read them ({@link YamlReader.Scalars#COMPATIBLE}), the last of
 * duplicate keys wins as in kubectl, tabs accepted where go-yaml accepts them, within
 * {@link YamlLimits}; every error names the source and line. Use
 * {@link YamlReader} for another policy: {@link YamlReader#kubectl()} (YAML 1.1 scalars) for Helm
 * values, kustomization files and manifests read exactly as kubectl reads them,
 * {@link YamlReader#kyaml()} for Kustomize's resources. Writing produces {@code kubectl}-style YAML: block style, documents
 * separated by {@code ---}, quotes only where needed.
 */
public final class Yaml {

    private static final ObjectMapper WRITER = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .stringQuotingChecker(new GoYamlQuoting())
            .build());

    private Yaml() {
    }

    /**
     * Reads every non-empty document of a YAML stream with {@link YamlReader#defaults()}.
     *
     *
     * @param content the YAML text
     * @param source the file name to report in errors
     * @return the documents, in order, with their lines
     * @throws ManifestException naming the source and line when the YAML is malformed, exceeds a
     *     limit, or a document is not a mapping
     */
    public static List<YamlDocument> readDocuments(String content, String source) {
        return YamlReader.defaults().readDocuments(content, source);
    }

    /**
     * Reads every non-empty document of a YAML stream with {@link YamlReader#defaults()} and the
     * given limits.
     *
     *
     * @param content the YAML text
     * @param source the file name to report in errors
     * @param limits the sizes, depth and alias expansion allowed
     * @return the documents, in order, with their lines
     * @throws ManifestException naming the source and line when the YAML is malformed, exceeds a
     *     limit, or a document is not a mapping
     */
    public static List<YamlDocument> readDocuments(String content, String source, YamlLimits limits) {
        return YamlReader.defaults().withLimits(limits).readDocuments(content, source);
    }

    /**
     * Reads a single YAML value of any type (a list, a mapping or a scalar); a missing node when
     * the text is empty.
     *
     *
     * @param content the YAML text
     * @param source the file name to report in errors
     * @return the value
     * @throws ManifestException naming the source and line when the YAML is malformed
     */
    public static JsonNode readValue(String content, String source) {
        return YamlReader.defaults().readValue(content, source);
    }

    /**
     * Reads a single YAML value of any type within the given limits; a missing node when the text
     * is empty.
     *
     *
     * @param content the YAML text
     * @param source the file name to report in errors
     * @param limits the sizes, depth and alias expansion allowed
     * @return the value
     * @throws ManifestException naming the source and line when the YAML is malformed or exceeds a
     *     limit
     */
    public static JsonNode readValue(String content, String source, YamlLimits limits) {
        return YamlReader.defaults().withLimits(limits).readValue(content, source);
    }

    /**
     * Writes one object as a YAML document (no {@code ---} marker).
     *
     * @param node the object
     * @return the YAML text, ending with a newline
     */
    public static String write(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written as YAML", e);
        }
    }

    /**
     * Writes objects as one multi-document YAML stream, separated by {@code ---}.
     *
     * @param nodes the objects
     * @return the YAML stream
     */
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
}
