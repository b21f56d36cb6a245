package io.gitops4j.core.git;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A copy of an exception (a JGit one, say) and of its causes and suppressed exceptions, with
 * every message redacted: it prints as the original ({@code org.eclipse.jgit.errors.TransportException: ...})
 * and keeps its stack trace, but the original, whose message may quote a repository URL with its
 * credentials, is not kept.
 */
final class RedactedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String originalClass;

    private RedactedException(String originalClass, String message) {
        super(message);
        this.originalClass = originalClass;
    }

    /** A redacted copy of the throwable; one that already is a copy is returned as it is. */
    static RedactedException of(Throwable original, UnaryOperator<String> redact) {
        if (original instanceof RedactedException copy) {
            return copy;
        }
        return copy(original, redact, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static RedactedException copy(Throwable original, UnaryOperator<String> redact, Set<Throwable> seen) {
        seen.add(original);
        String message = original.getMessage() == null ? null : redact.apply(original.getMessage());
        RedactedException copy = new RedactedException(original.getClass().getName(), message);
        copy.setStackTrace(original.getStackTrace());
        Throwable cause = original.getCause();
        if (cause != null && !seen.contains(cause)) {
            copy.initCause(copy(cause, redact, seen));
        }
        for (Throwable suppressed : original.getSuppressed()) {
            if (!seen.contains(suppressed)) {
                copy.addSuppressed(copy(suppressed, redact, seen));
            }
        }
        return copy;
    }

    /** The class name of the exception this is a copy of. */
    String originalClass() {
        return originalClass;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClass : originalClass + ": " + message;
    }
}
