package io.gitops4j.core.project.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Argo CD's {@code git.NormalizeGitURL}, which a project's {@code sourceRepos} patterns and an
 * application's {@code repoURL} both go through before they are compared: trimmed and lower-cased;
 * {@code git@host:path} read as {@code ssh://git@host/path}; a {@code .git} suffix removed; the
 * URL parsed and written again as Go's {@code net/url} does (a path character Go escapes, such as
 * a brace or a space, is percent-encoded; a URL Go refuses to parse, such as one whose port is not
 * a number, becomes the empty string); a leading {@code ssh://} removed.
 */
public final class GitUrlNormalizer {

    private static final Pattern SSH_URL = Pattern.compile("^(ssh://)?([^/:]*?)@[^@]+$");
    private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*:");
    private static final String HEX = "0123456789ABCDEF";

    private GitUrlNormalizer() {
    }

    private static final Pattern HTTP_USERINFO = Pattern.compile("^(?i)(\\s*https?://)[^/?#@]*@");

    /**
     * The URL without the {@code user[:password]@} of an http(s) URL, so that credentials written
     * into a URL neither grant a project rule nor escape one (Argo CD compares them as part of the
     * URL, and {@code https://token@host/forbidden} then slips past {@code !https://host/forbidden}).
     */
    public static String withoutHttpUserinfo(String repo) {
        return HTTP_USERINFO.matcher(repo).replaceFirst("$1");
    }

    /** The normalized URL, or an empty string where Go's URL parser refuses it. */
    public static String normalize(String repo) {
        String url = repo.strip().toLowerCase(Locale.ROOT);
        if (SSH_URL.matcher(url).matches() && !url.startsWith("ssh://")) {
            url = "ssh://" + url.replaceFirst(":", "/");
        }
        if (url.endsWith(".git")) {
            url = url.substring(0, url.length() - 4);
        }
        String written = reparse(url);
        return written.startsWith("ssh://") ? written.substring(6) : written;
    }

    /** Go's {@code url.Parse} then {@code String()}, for the parts that change the text; empty when refused. */
    private static String reparse(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "";
            }
        }
        String rest = url;
        String fragment = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash);
            rest = rest.substring(0, hash);
        }
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question);
            rest = rest.substring(0, question);
        }
        String scheme = "";
        var schemeMatch = SCHEME.matcher(rest);
        if (rest.startsWith(":")) {
            return "";
        }
        if (schemeMatch.find()) {
            scheme = schemeMatch.group();
            rest = rest.substring(scheme.length());
        }
        String authority = "";
        if (rest.startsWith("//")) {
            int end = rest.indexOf('/', 2);
            authority = end < 0 ? rest : rest.substring(0, end);
            rest = end < 0 ? "" : rest.substring(end);
            if (!validAuthority(authority.substring(2))) {
                return "";
            }
        } else if (scheme.isEmpty()) {
            int slash = rest.indexOf('/');
            String first = slash < 0 ? rest : rest.substring(0, slash);
            if (first.contains(":")) {
                return "";
            }
        } else if (!rest.startsWith("/")) {
            return scheme + rest + query + fragment;
        }
        String path = escapedPath(rest);
        return path == null ? "" : scheme + authority + path + query + fragment;
    }

    private static boolean validAuthority(String authority) {
        int at = authority.lastIndexOf('@');
        String userinfo = at < 0 ? "" : authority.substring(0, at);
        String host = authority.substring(at + 1);
        for (char c : userinfo.toCharArray()) {
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && "-._:~!$&'()*+,;=%@".indexOf(c) < 0) {
                return false;
            }
        }
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 && validPort(host.substring(close + 1));
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && !validPort(host.substring(colon))) {
            return false;
        }
        for (char c : host.toCharArray()) {
            boolean allowed = c >= 0x80 || Character.isLetterOrDigit(c) || "-_.~!$&'()*+,;=:[]<>\"%".indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return validEscapes(host);
    }

    private static boolean validPort(String port) {
        return port.isEmpty() || port.startsWith(":") && port.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * The path as Go writes it: kept when every character may stand unescaped in a path (Go's
     * {@code validEncoded}), else decoded and escaped again (Go's {@code escape}, encodePath).
     */
    private static String escapedPath(String raw) {
        if (!validEscapes(raw)) {
            return null;
        }
        boolean keep = raw.chars().allMatch(c -> c == '%' || mayStandInPath(c));
        if (keep) {
            return raw;
        }
        byte[] bytes = unescape(raw).getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-_.~$&+,/:;=@".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
            }
        }
        return out.toString();
    }

    private static boolean mayStandInPath(int c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || "-_.~$&+,/:;=@!'()*[]".indexOf(c) >= 0);
    }

    private static boolean validEscapes(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '%') {
                if (i + 2 >= text.length()
                        || HEX.indexOf(Character.toUpperCase(text.charAt(i + 1))) < 0
                        || HEX.indexOf(Character.toUpperCase(text.charAt(i + 2))) < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String unescape(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
