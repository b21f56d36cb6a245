package io.gitops4j.kube;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from text before it reaches a message, a log line or an exception: the
 * user information of URLs ({@code https://alice:TOKEN@host/repo.git} becomes
 * {@code https://***@host/repo.git}), the values of query parameters that carry secrets
 * ({@code ?access_token=...}), and any secret value the caller knows about.
 *
 * <p>Every URL that came from a user (a {@code repoURL}, a chart repository, a kubeconfig server)
 * goes through {@link #url(String)} before it is put into text; free text that may quote a URL
 * (an exception message of a library) goes through {@link #text(String)}.
 */
public final class Redaction {

    /** What a redacted value is replaced with. */
    public static final String MASK = "***";

    /** {@code scheme://userinfo@}: the user information of a URL, anywhere in a text. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/?#@\\s\"'<>]+)@");

    /** {@code name=value} where the name says the value is a secret. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;](?:access_token|token|private_token|password|passwd|secret|client_secret|api_key|apikey|key|sig|signature|x-amz-signature|x-amz-credential|x-goog-signature)=)([^&#\\s\"'<>]*)");

    private static final Set<String> SHORT_SECRETS_IGNORED = Set.of("", "*", MASK);

    private Redaction() {
    }

    /**
     * A URL without its credentials; text that is not a URL comes back unchanged.
     *
     *
     * @param url a URL as the user wrote it, possibly with {@code user:password@}
     * @return the URL with {@code user:password@} replaced by the mask
     */
    public static String url(String url) {
        return text(url);
    }

    /**
     * Free text with the credentials of every URL in it, and the values of secret-looking query
     * parameters, replaced by {@value #MASK}.
     *
     * @param text any text; {@code null} or empty comes back unchanged
     * @return the text with credentials masked
     */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String withoutUserInfo = USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        return SECRET_PARAMETER.matcher(withoutUserInfo)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    /**
     * Free text as {@link #text(String)} makes it, with every occurrence of the given secret
     * values (passwords, tokens, private keys the caller holds) replaced too. Values of fewer than
     * four characters are not replaced (they would mangle ordinary words); such secrets must not
     * be used anyway.
     *
     * @param text any text
     * @param secrets the secret values to mask
     * @return the text with credentials and secrets masked
     */
    public static String text(String text, Collection<String> secrets) {
        String result = text(text);
        for (String secret : secrets) {
            if (secret == null || SHORT_SECRETS_IGNORED.contains(secret) || secret.length() < 4) {
                continue;
            }
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /**
     * Whether a text still holds credentials {@link #text(String)} would remove: for assertions
     * and for a last check before text leaves the library.
     *
     * @param text any text, or {@code null}
     * @return whether credentials remain
     */
    public static boolean containsCredentials(String text) {
        return text != null && !text.equals(text(text));
    }

    /**
     * Whether a header name carries credentials ({@code Authorization}, cookies, tokens).
     *
     * @param name an HTTP header name, in any letter case
     * @return whether its value must be masked
     */
    public static boolean isSecretHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("authorization") || lower.equals("proxy-authorization") || lower.equals("cookie")
                || lower.equals("set-cookie") || lower.contains("token") || lower.contains("api-key");
    }
}
