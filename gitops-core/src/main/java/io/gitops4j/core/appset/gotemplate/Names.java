package io.gitops4j.core.appset.gotemplate;

import java.util.Locale;

/** Argo CD's name sanitizing ({@code normalize}, {@code path.basenameNormalized}, {@code nameNormalized}). */
public final class Names {

    private static final int MAX_DNS_NAME = 253;

    private Names() {
    }

    /**
     * Lower case, every character but {@code [-a-z0-9.]} replaced by {@code -}, at most 253
     * characters, leading and trailing {@code -} and {@code .} removed.
     *
     * @param name any text
     * @return a name Kubernetes accepts as a DNS subdomain
     */
    public static String sanitize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        lower.codePoints().forEach(cp -> out.append(cp == '-' || cp == '.' || (cp >= 'a' && cp <= 'z')
                || (cp >= '0' && cp <= '9') ? (char) cp : '-'));
        String cut = out.length() > MAX_DNS_NAME ? out.substring(0, MAX_DNS_NAME) : out.toString();
        int start = 0;
        int end = cut.length();
        while (start < end && (cut.charAt(start) == '-' || cut.charAt(start) == '.')) {
            start++;
        }
        while (end > start && (cut.charAt(end - 1) == '-' || cut.charAt(end - 1) == '.')) {
            end--;
        }
        return cut.substring(start, end);
    }
}
