package io.gitops4j.core.appset;

import java.util.Map;

/**
 * Argo CD's default templating ({@code goTemplate: false}, valyala/fasttemplate): every
 * {@code {{name}}} whose trimmed name is a string parameter is replaced by its value; any other
 * tag (unknown name, empty name, a parameter that is not a string) is left as written. A
 * {@code {{} without its {@code }}} is an error, but only in a string that holds a complete tag
 * on one line (Argo CD does not template strings without one).
 */
final class FastTemplate {

    private FastTemplate() {
    }

    /** Argo CD's check {@code .*{{.*}}.*}: some line holds {@code {{} and, after it, {@code }}}. */
    private static boolean hasTagOnOneLine(String template) {
        int start = template.indexOf("{{");
        while (start >= 0) {
            int end = template.indexOf("}}", start + 2);
            if (end < 0) {
                return false;
            }
            int newline = template.indexOf('\n', start + 2);
            if (newline < 0 || newline > end) {
                return true;
            }
            start = template.indexOf("{{", newline);
        }
        return false;
    }

    static String render(String template, Map<String, Object> params) {
        if (!hasTagOnOneLine(template)) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length());
        int pos = 0;
        while (true) {
            int start = template.indexOf("{{", pos);
            if (start < 0) {
                out.append(template, pos, template.length());
                return out.toString();
            }
            int end = template.indexOf("}}", start + 2);
            if (end < 0) {
                throw new IllegalArgumentException("cannot find the end tag '}}' of the tag at offset " + start
                        + " in \"" + template + "\"");
            }
            out.append(template, pos, start);
            String tag = template.substring(start + 2, end);
            Object value = params.get(tag.strip());
            if (!tag.isBlank() && value instanceof String replacement) {
                out.append(replacement);
            } else {
                out.append("{{").append(tag).append("}}");
            }
            pos = end + 2;
        }
    }
}
