package io.gitops4j.render.kustomize.internal.generate;

import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key/value pairs of a generator from its {@code literals}, {@code files} and {@code envs},
 * read as Kustomize reads them: {@code KEY=VALUE} literals with one pair of surrounding quotes
 * removed, files keyed by their base name unless {@code KEY=} is given, env files of
 * {@code KEY=VALUE} lines where blank lines and {@code #} comments are skipped. A line with a key
 * alone is skipped: Kustomize would take its value from its own environment, which would let a
 * repository copy the renderer's environment variables (credentials, say) into a ConfigMap.
 */
final class DataSources {

    private static final Logger LOG = LoggerFactory.getLogger(DataSources.class);

    /** One pair; {@code text} is empty when the value is not UTF-8 and only {@code bytes} hold it. */
    record Entry(String key, byte[] bytes, boolean utf8) {

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private DataSources() {
    }

    static List<Entry> literals(List<String> literals) {
        List<Entry> entries = new ArrayList<>();
        for (String literal : literals) {
            int equals = literal.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("invalid literal source " + literal + ", expected key=value");
            }
            String value = unquote(literal.substring(equals + 1));
            entries.add(new Entry(literal.substring(0, equals), value.getBytes(StandardCharsets.UTF_8), true));
        }
        return entries;
    }

    static List<Entry> files(List<String> files, KustomizationFiles loader) {
        List<Entry> entries = new ArrayList<>();
        for (String file : files) {
            int equals = file.indexOf('=');
            String key;
            String path;
            if (equals >= 0) {
                key = file.substring(0, equals);
                path = file.substring(equals + 1);
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("key name for file path " + path + " missing");
                }
                if (path.isEmpty()) {
                    throw new IllegalArgumentException("file path for key name " + key + " missing");
                }
            } else {
                path = file;
                key = path.substring(path.lastIndexOf('/') + 1);
            }
            byte[] bytes = loader.read(path);
            entries.add(new Entry(key, bytes, isUtf8(bytes)));
        }
        return entries;
    }

    static List<Entry> envs(List<String> envFiles, KustomizationFiles loader) {
        List<Entry> entries = new ArrayList<>();
        for (String envFile : envFiles) {
            String content = loader.readText(envFile);
            if (content.startsWith("\uFEFF")) {
                content = content.substring(1);
            }
            int lineNumber = 0;
            for (String line : content.split("\n", -1)) {
                lineNumber++;
                String trimmed = line.replaceFirst("^\\s+", "");
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals < 0) {
                    LOG.warn("env file {} line {}: '{}' has no value; skipped (values are never taken from the "
                            + "renderer's own environment, which a repository could otherwise copy out)", envFile,
                            lineNumber, trimmed.trim());
                    continue;
                }
                String key = trimmed.substring(0, equals);
                if (key.isBlank()) {
                    throw new IllegalArgumentException("invalid env file " + envFile + " line " + lineNumber
                            + ": the key before '=' is empty");
                }
                String value = trimmed.substring(equals + 1).replaceFirst("\r$", "");
                entries.add(new Entry(key, value.getBytes(StandardCharsets.UTF_8), true));
            }
        }
        return entries;
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            char last = value.charAt(value.length() - 1);
            if ((first == '"' || first == '\'') && first == last) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
