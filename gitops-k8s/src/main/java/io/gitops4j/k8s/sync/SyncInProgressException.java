package io.gitops4j.k8s.sync;

import io.gitops4j.kube.GitOpsException;
import java.time.Instant;

/**
 * Another sync of the same application is running, in this process or, through its Lease, in
 * another one: as Argo CD's "another operation is already in progress", a second sync is refused
 * at once rather than run beside the first. Nothing was read or written for the refused sync.
 */
public class SyncInProgressException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /** The application whose sync was refused. */
    private final String appName;
    /** Who runs the other sync. */
    private final String holder;
    /** When the other sync took the application's lock. */
    private final Instant since;

    /**
     * @param appName the application
     * @param holder who runs the other sync (a process identity, or "this process, thread ...")
     * @param since when the other sync took the application's lock
     * @param advice what to do, appended to the message
     */
    public SyncInProgressException(String appName, String holder, Instant since, String advice) {
        super("another sync of application " + appName + " is running since " + since + " (started by " + holder
                + ")" + (advice.isEmpty() ? "" : "; " + advice));
        this.appName = appName;
        this.holder = holder;
        this.since = since;
    }

    /**
     * The application whose sync was refused.
     *
     * @return the application's name
     */
    public String appName() {
        return appName;
    }

    /**
     * Who runs the other sync.
     *
     * @return the holder's identity
     */
    public String holder() {
        return holder;
    }

    /**
     * When the other sync took the application's lock.
     *
     * @return the instant
     */
    public Instant since() {
        return since;
    }
}
