package io.gitops4j.core.git;

import io.gitops4j.kube.Redaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Removes the credentials one {@link GitSource} knows about from text: what
 * {@link Redaction#text(String)} removes (URL user information, secret query parameters), the
 * password (or, for {@code http(s)}, a user name that stands alone, usually a token) of the
 * repository URL wherever it appears on its own, and every secret value its
 * {@link CredentialsProvider} handed to JGit.
 */
final class CredentialRedactor {

    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://([^/?#@]+)@");

    private final Set<String> handedOut = ConcurrentHashMap.newKeySet();

    /** The provider to give JGit: the user's, remembering each secret value it hands out. */
    CredentialsProvider recording(CredentialsProvider provider) {
        return new Recording(provider);
    }

    /** The text without any credential known for this repository. */
    String text(String text, String repoURL) {
        List<String> secrets = new ArrayList<>(handedOut);
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

    /** Delegates to the user's provider and records the secret values it returns. */
    private final class Recording extends CredentialsProvider {
        private final CredentialsProvider delegate;

        Recording(CredentialsProvider delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean isInteractive() {
            return delegate.isInteractive();
        }

        @Override
        public boolean supports(CredentialItem... items) {
            return delegate.supports(items);
        }

        @Override
        public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
            boolean answered = delegate.get(uri, items);
            for (CredentialItem item : items) {
                if (item.isValueSecure()) {
                    record(item);
                }
            }
            return answered;
        }

        @Override
        public void reset(URIish uri) {
            delegate.reset(uri);
        }

        private void record(CredentialItem item) {
            if (item instanceof CredentialItem.CharArrayType chars && chars.getValue() != null) {
                handedOut.add(new String(chars.getValue()));
            } else if (item instanceof CredentialItem.StringType string && string.getValue() != null) {
                handedOut.add(string.getValue());
            }
        }
    }
}
