package io.gitops4j.core.project.internal;

/** A cron spec is malformed; the message is the reason, as robfig/cron gives it. */
public final class CronSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** A malformed spec, for the given reason. */
    public CronSyntaxException(String reason) {
        super(reason);
    }
}
