package io.gitops4j.k8s.health.lua;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One health script as configured: the group/kind key it serves ({@code apps/Deployment},
 * {@code Pod}, or a pattern such as {@code *.crossplane.io/*}), where it came from, and its
 * source, compiled on first use and then kept (or its compile error kept).
 */
final class ScriptEntry {

    private final String key;
    private final String name;
    private final String source;
    private final Optional<Pattern> pattern;
    private volatile Object compiled;

    ScriptEntry(String key, String name, String source) {
        this.key = key;
        this.name = name;
        this.source = source;
        this.pattern = key.contains("*") || key.contains("?") ? Optional.of(globToRegex(key)) : Optional.empty();
    }

    String key() {
        return key;
    }

    boolean isWildcard() {
        return pattern.isPresent();
    }

    boolean matches(String groupKind) {
        return pattern.map(p -> p.matcher(groupKind).matches()).orElse(key.equals(groupKind));
    }

    /**
     * The compiled script.
     *
     * @throws HealthScriptException when the source does not compile (every time it is asked for)
     */
    LuaHealthScript script() {
        Object result = compiled;
        if (result == null) {
            try {
                result = LuaHealthScript.compile(name, source);
            } catch (HealthScriptException e) {
                result = e;
            }
            compiled = result;
        }
        if (result instanceof HealthScriptException failure) {
            throw new HealthScriptException(failure.getMessage(), failure);
        }
        return (LuaHealthScript) result;
    }

    /** Argo CD's wildcards: {@code *} matches any text (slashes included), {@code ?} one character. */
    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString());
    }
}
