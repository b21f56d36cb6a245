package io.gitops4j.core.appset.gotemplate;

/**
 * A template function refused its arguments or failed; the executor adds where
 * ({@code executing "name" at <command>}). An argument error reads as Go's
 * ({@code wrong type for value; expected string; got float64}); a call error is prefixed with
 * {@code error calling <function>:}.
 */
final class FunctionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean argumentError;

    private FunctionException(String message, boolean argumentError) {
        super(message, null, false, false);
        this.argumentError = argumentError;
    }

    static FunctionException argument(String message) {
        return new FunctionException(message, true);
    }

    static FunctionException call(String message) {
        return new FunctionException(message, false);
    }

    boolean argumentError() {
        return argumentError;
    }
}
