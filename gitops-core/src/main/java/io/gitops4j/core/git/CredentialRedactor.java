package io.gitops4j.core.git;

import io.gitops4j.kube.Redaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the credentials one {@link GitSource} knows about from text: what
 * {@link Redaction#text(String)} removes (URL user information, secret query parameters), the
 * password (or, for {@code http(s)}, a user name that stands alone, usually a token) of the
 * repository URL wherever it appears on its own, and every secret of its
 * {@link RepositoryCredentials} (passwords, tokens, private keys and each line of them, key
 * passphrases).
 */
final class CredentialRedactor {

    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://([^/?#@]+)@");

    private final List<String> configured;

    CredentialRedactor(RepositoryCredentials credentials) {
        this.configured = List.copyOf(credentials.secrets());
    }

    /** The text without any credential known for this repository. */
    String text(String text, String repoURL) {
        List<String> secrets = new ArrayList<>(configured);
        secrets.addAll(secretsOf(repoURL));
        return Redaction.text(text, secrets);
    }

    /** A copy of the cause with every message redacted; see {@link RedactedException}. */
    RedactedException cause(Throwable cause, String repoURL) {
        return RedactedException.of(cause, message -> text(message, repoURL));
    }

    private static List<String> secretsOf(String repoURL) {
        Matcher userInfo = USER_INFO.matcher(repoURL);
        if (!userInfo.find()) {
            return List.of();
        }
        String info = userInfo.group(2);
        int colon = info.indexOf(':');
        if (colon >= 0) {
            return List.of(info.substring(colon + 1));
        }
        return userInfo.group(1).toLowerCase(Locale.ROOT).startsWith("http") ? List.of(info) : List.of();
    }
}
