package io.gitops4j.kube.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.parser.ParserImpl;

/**
 * Reads YAML (and JSON) text into Jackson trees as the Go tools read it, within limits: text
 * that starts with a brace is first read as a stream of JSON values, as kubectl does. The
 * public {@code io.gitops4j.kube.YamlReader} is the way in. Internal: not API.
 */
public final class YamlTrees {

    /**
     * One document.
     *
     * @param root the document's value, or {@code null} for an empty document
     * @param line the 1-based line where its value starts
     */
    public record Document(JsonNode root, int line) {
    }

    private YamlTrees() {
    }

    /**
     * @param dialect whose reading of scalars and merge keys to follow
     * @param refuseDuplicateKeys refuse a key written twice in one mapping, else the last one wins
     * @param firstOnly read only the first document
     * @throws YamlProblem when the text is malformed or exceeds a limit
     */
    public static List<Document> read(String text, Dialect dialect, boolean refuseDuplicateKeys, Limits limits,
            boolean firstOnly) {
        if (text.length() > limits.maxInputSize()) {
            throw YamlProblem.limit(lineAt(text, limits.maxInputSize()), "the YAML text is longer than "
                    + Limits.format(limits.maxInputSize()) + " characters", "maxInputSize");
        }
        if (JsonTrees.looksLikeJson(text)) {
            var json = JsonTrees.read(text, refuseDuplicateKeys, limits, firstOnly);
            if (json.isPresent()) {
                return json.get();
            }
        }
        TextReader reader = new TextReader(text, limits.maxDocumentSize());
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        try {
            ParserImpl parser = new ParserImpl(reader, options);
            return new TreeBuilder(parser, reader, dialect, refuseDuplicateKeys, limits).documents(firstOnly);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new YamlProblem(mark == null ? 0 : mark.getLine() + 1, "malformed YAML: " + firstLine(problem));
        } catch (YAMLException e) {
            throw new YamlProblem(reader.getLine() + 1, "malformed YAML: " + firstLine(e.getMessage()));
        }
    }

    private static int lineAt(String text, int index) {
        int line = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable content";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
