package io.gitops4j.core.git;

/**
 * A checkout held in use: while it is open, no cleanup (of this process or of another one
 * sharing the Git cache folder) deletes its folder. Close it when done with the files, from any
 * thread; closing twice does nothing.
 *
 * <pre>{@code
 * try (CheckoutLease lease = git.lease(repoURL, "main")) {
 *     render(lease.checkout().directory());
 * }
 * }</pre>
 */
public final class CheckoutLease implements AutoCloseable {

    private final Checkout checkout;
    private final Runnable release;
    private boolean closed;

    CheckoutLease(Checkout checkout, Runnable release) {
        this.checkout = checkout;
        this.release = release;
    }

    /** {@return the commit's files, usable until {@link #close()}} */
    public Checkout checkout() {
        return checkout;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            release.run();
        }
    }

    @Override
    public String toString() {
        return "CheckoutLease[" + checkout + "]";
    }
}
