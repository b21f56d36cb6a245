package io.gitops4j.kube.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Builds Jackson trees from SnakeYAML's parser events, without a node graph in between: aliases
 * are expanded into copies of their anchor's value, counted against the limits, merge keys and
 * duplicate keys handled by {@link MappingFrame}, scalars resolved by {@link GoScalars}.
 */
final class TreeBuilder {

    /** An anchored value and what one expansion of it costs. */
    private record Anchored(JsonNode value, int nodes, int height, long chars) {
    }

    private final Parser parser;
    private final TextReader reader;
    private final GoScalars scalars;
    private final Dialect dialect;
    private final boolean refuseDuplicates;
    private final Limits limits;

    private final Deque<Frame> stack = new ArrayDeque<>();
    private Map<String, Anchored> anchors = new HashMap<>();
    private final Set<String> openAnchors = new HashSet<>();
    private long aliasNodes;
    private long aliasChars;
    private long documentAliasChars;
    private JsonNode root;
    private int rootLine;

    TreeBuilder(Parser parser, TextReader reader, Dialect dialect, boolean refuseDuplicates, Limits limits) {
        this.parser = parser;
        this.reader = reader;
        this.scalars = new GoScalars(dialect);
        this.dialect = dialect;
        this.refuseDuplicates = refuseDuplicates;
        this.limits = limits;
    }

    /** The documents of the stream (only the first when {@code firstOnly}), empty ones included. */
    List<YamlTrees.Document> documents(boolean firstOnly) {
        List<YamlTrees.Document> documents = new ArrayList<>();
        while (true) {
            Event event = parser.getEvent();
            switch (event.getEventId()) {
                case DocumentStart -> {
                    anchors = new HashMap<>();
                    documentAliasChars = 0;
                    root = null;
                }
                case DocumentEnd -> {
                    documents.add(new YamlTrees.Document(root, rootLine));
                    if (firstOnly) {
                        return documents;
                    }
                }
                case StreamEnd -> {
                    return documents;
                }
                case MappingStart, SequenceStart -> open((CollectionStartEvent) event);
                case MappingEnd, SequenceEnd -> close();
                case Scalar -> scalar((ScalarEvent) event);
                case Alias -> alias((AliasEvent) event);
                default -> {
                    // stream start and comments carry no content
                }
            }
        }
    }

    private void open(CollectionStartEvent event) {
        int line = lineOf(event);
        if (stack.peek() instanceof MappingFrame mapping && mapping.expectingKey()) {
            throw new YamlProblem(line, "a mapping key must be a scalar, not a "
                    + (event.getEventId() == Event.ID.MappingStart ? "mapping" : "sequence"));
        }
        if (stack.size() + 1 > limits.maxDepth()) {
            throw YamlProblem.limit(line, "the YAML nests mappings and sequences deeper than "
                    + Limits.format(limits.maxDepth()) + " levels", "maxDepth");
        }
        String anchor = event.getAnchor();
        if (anchor != null) {
            openAnchors.add(anchor);
        }
        stack.push(event.getEventId() == Event.ID.MappingStart
                ? new MappingFrame(anchor, line, dialect.mergesInPlace(), refuseDuplicates) : new SequenceFrame(anchor, line));
    }

    private void close() {
        Frame frame = stack.pop();
        deliver(frame.finish(), frame.nodes, frame.height, frame.chars, frame.anchor, frame.line);
    }

    private void scalar(ScalarEvent event) {
        int line = lineOf(event);
        String text = event.getValue();
        if (text.length() > limits.maxScalarSize()) {
            throw YamlProblem.limit(line, "a scalar is longer than " + Limits.format(limits.maxScalarSize())
                    + " characters", "maxScalarSize");
        }
        boolean plain = event.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
        String tag = event.getTag();
        if (stack.peek() instanceof MappingFrame mapping && mapping.expectingKey()) {
            boolean merge = GoScalars.isMerge(text, tag, plain);
            mapping.key(merge ? "<<" : scalars.key(text, tag, plain, line), merge, line);
            if (event.getAnchor() != null) {
                anchors.put(event.getAnchor(), new Anchored(scalars.value(text, tag, plain, line), 1, 0,
                        text.length()));
            }
            return;
        }
        deliver(scalars.value(text, tag, plain, line), 1, 0, text.length(), event.getAnchor(), line);
    }

    private void alias(AliasEvent event) {
        int line = lineOf(event);
        String name = event.getAnchor();
        if (openAnchors.contains(name)) {
            throw new YamlProblem(line, "the anchor '" + name + "' is used inside its own value");
        }
        Anchored anchored = anchors.get(name);
        if (anchored == null) {
            throw new YamlProblem(line, "unknown anchor '" + name + "' referenced");
        }
        charge(anchored, line);
        if (stack.peek() instanceof MappingFrame mapping && mapping.expectingKey()) {
            mapping.key(scalars.key(anchored.value(), line), false, line);
            return;
        }
        deliver(anchored.value().deepCopy(), anchored.nodes(), anchored.height(), anchored.chars(), null, line);
    }

    /** Counts one expansion of an anchor against the limits. */
    private void charge(Anchored anchored, int line) {
        aliasNodes += anchored.nodes();
        if (aliasNodes > limits.maxAliasExpansion()) {
            throw YamlProblem.limit(line, "aliases expand to more than " + Limits.format(limits.maxAliasExpansion())
                    + " nodes", "maxAliasExpansion");
        }
        if (stack.size() + anchored.height() > limits.maxDepth()) {
            throw YamlProblem.limit(line, "an alias nests mappings and sequences deeper than "
                    + Limits.format(limits.maxDepth()) + " levels", "maxDepth");
        }
        documentAliasChars += anchored.chars();
        aliasChars += anchored.chars();
        if (reader.getDocumentIndex() + documentAliasChars > limits.maxDocumentSize()) {
            throw YamlProblem.limit(line, "a YAML document expands through aliases to more than "
                    + Limits.format(limits.maxDocumentSize()) + " characters", "maxDocumentSize");
        }
        if (reader.getIndex() + aliasChars > limits.maxInputSize()) {
            throw YamlProblem.limit(line, "the YAML expands through aliases to more than "
                    + Limits.format(limits.maxInputSize()) + " characters", "maxInputSize");
        }
    }

    private void deliver(JsonNode value, int nodes, int height, long chars, String anchor, int line) {
        if (anchor != null) {
            openAnchors.remove(anchor);
            anchors.put(anchor, new Anchored(value, nodes, height, chars));
        }
        Frame parent = stack.peek();
        if (parent == null) {
            root = value;
            rootLine = line;
        } else {
            parent.add(value, nodes, height, chars, line);
        }
    }

    private static int lineOf(Event event) {
        return event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1;
    }
}
