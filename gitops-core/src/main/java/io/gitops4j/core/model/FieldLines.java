package io.gitops4j.core.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The line of every mapping key of one YAML document, by its path ({@code spec.sources[1].helm}),
 * read from SnakeYAML's parser events: the reader that built the tree keeps no line per field.
 * Only the document starting at a given line is read, and only up to {@link #MAX_CHARS} characters
 * of it (an Application is a few kilobytes); text the events cannot be read from, or past the
 * limit, leaves the fields there without a line, and the caller falls back to the document's.
 */
final class FieldLines {

    /** How much of the text, from the document's first line, is read for lines. */
    static final int MAX_CHARS = 256 * 1024;

    private FieldLines() {
    }

    /**
     * @param text the YAML stream
     * @param documentLine the 1-based line where the document's root mapping starts
     * @return the 1-based line of each key, by path; keys inside aliases are not listed
     */
    static Map<String, Integer> of(String text, int documentLine) {
        Map<String, Integer> lines = new HashMap<>();
        int offset = offsetOfLine(text, documentLine);
        if (offset < 0) {
            return lines;
        }
        String document = text.substring(offset, Math.min(text.length(), offset + MAX_CHARS));
        try {
            walk(new ParserImpl(new StreamReader(document), new LoaderOptions()), documentLine - 1, lines);
        } catch (RuntimeException e) {
            // SnakeYAML refuses what the tree reader accepted (tabs as go-yaml reads them, a cut-off
            // document): the lines found so far stand
        }
        return lines;
    }

    private static void walk(Parser parser, int lineOffset, Map<String, Integer> lines) {
        Deque<Frame> frames = new ArrayDeque<>();
        while (true) {
            Event event = parser.getEvent();
            if (event == null || event.is(Event.ID.DocumentEnd) || event.is(Event.ID.StreamEnd)) {
                return;
            }
            Frame parent = frames.peek();
            if (event instanceof ScalarEvent scalar && parent != null && parent.mapping && parent.expectingKey) {
                parent.key = scalar.getValue();
                parent.expectingKey = false;
                lines.putIfAbsent(parent.path(parent.key), scalar.getStartMark().getLine() + 1 + lineOffset);
                continue;
            }
            if (event instanceof MappingStartEvent || event instanceof SequenceStartEvent) {
                String path = parent == null ? "" : parent.childPath();
                frames.push(new Frame(path, event instanceof MappingStartEvent));
                continue;
            }
            if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
                frames.pop();
                parent = frames.peek();
            }
            if (parent != null) {
                parent.valueDone();   // a scalar, alias or collection was the value
            }
        }
    }

    /** The character offset where 1-based {@code line} starts, or -1 past the text. */
    private static int offsetOfLine(String text, int line) {
        int offset = 0;
        for (int current = 1; current < line; current++) {
            offset = text.indexOf('\n', offset) + 1;
            if (offset == 0) {
                return -1;
            }
        }
        return offset;
    }

    /** A mapping or sequence being read. */
    private static final class Frame {
        private final String path;
        private final boolean mapping;
        private boolean expectingKey = true;
        private String key = "";
        private int index;

        Frame(String path, boolean mapping) {
            this.path = path;
            this.mapping = mapping;
        }

        String path(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        /** The path of the value now being read. */
        String childPath() {
            return mapping ? path(key) : path + "[" + index + "]";
        }

        void valueDone() {
            if (mapping) {
                expectingKey = true;
            } else {
                index++;
            }
        }
    }
}
