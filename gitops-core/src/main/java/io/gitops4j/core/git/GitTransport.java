package io.gitops4j.core.git;

import io.gitops4j.kube.Redaction;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The two network operations of the Git cache, {@code ls-remote} and fetch, through JGit: with
 * the repository's credentials ({@link RepositoryCredentials}), the transport timeout, Argo CD's
 * metrics, and failures turned into {@link GitException}s that name the repository without its
 * credentials and say what to do.
 */
final class GitTransport {

    private final RepositoryCredentials credentials;
    private final SshSessions ssh;
    private final CredentialRedactor redactor;
    private final GitOptions options;
    private final GitMetrics metrics;
    private final Clock clock;

    GitTransport(RepositoryCredentials credentials, SshSessions ssh, CredentialRedactor redactor, GitOptions options,
            GitMetrics metrics, Clock clock) {
        this.credentials = credentials;
        this.ssh = ssh;
        this.redactor = redactor;
        this.options = options;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The refs the remote advertises, annotated tags with their peeled commit when the server gives it. */
    RemoteRefs lsRemote(String repoURL, String revision) {
        Instant started = clock.instant();
        try {
            var command = Git.lsRemoteRepository().setRemote(repoURL);
            configure(command, repoURL, revision);
            Map<String, RemoteRefs.RemoteRef> refs = new HashMap<>();
            for (Ref ref : command.callAsMap().values()) {
                refs.put(ref.getName(), remoteRef(ref));
            }
            return RemoteRefs.of(refs, clock.instant());
        } catch (GitAPIException | RuntimeException e) {
            metrics.failure(Redaction.url(repoURL), GitMetrics.LS_REMOTE, revision);
            throw failure(repoURL, revision, e);
        } finally {
            metrics.request(Redaction.url(repoURL), GitMetrics.LS_REMOTE, Duration.between(started, clock.instant()));
        }
    }

    /**
     * Fetches into the mirror.
     *
     * @param depth 1 for a shallow fetch of ref tips, 0 for their whole history
     * @param unshallow whether to deepen a shallow mirror to full history
     */
    void fetch(Git git, String repoURL, String revision, List<RefSpec> refSpecs, int depth, boolean unshallow) {
        Instant started = clock.instant();
        try {
            FetchCommand fetch = git.fetch().setRemote(repoURL).setRefSpecs(refSpecs).setTagOpt(
                    org.eclipse.jgit.transport.TagOpt.NO_TAGS);
            if (depth > 0) {
                fetch.setDepth(depth);
            } else if (unshallow) {
                fetch.setUnshallow(true);
            }
            configure(fetch, repoURL, revision);
            fetch.call();
        } catch (GitAPIException | RuntimeException e) {
            metrics.failure(Redaction.url(repoURL), GitMetrics.FETCH, revision);
            throw failure(repoURL, revision, e);
        } finally {
            metrics.request(Redaction.url(repoURL), GitMetrics.FETCH, Duration.between(started, clock.instant()));
        }
    }

    private void configure(TransportCommand<?, ?> command, String repoURL, String revision) {
        command.setTimeout(options.timeoutSeconds());
        Optional<GitCredentials> found = credentials.lookup(repoURL);
        if (found.isEmpty()) {
            return;
        }
        if (found.get() instanceof GitCredentials.Https https && !RepoUrls.isSsh(repoURL)) {
            command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(https.username(), https.password()));
        } else if (found.get() instanceof GitCredentials.Ssh key && RepoUrls.isSsh(repoURL)) {
            try {
                var factory = ssh.factory(key);
                command.setTransportConfigCallback(transport -> {
                    if (transport instanceof SshTransport sshTransport) {
                        sshTransport.setSshSessionFactory(factory);
                    }
                });
            } catch (IllegalArgumentException e) {
                throw new GitException(repoURL, revision, redactor.text("cannot use the SSH credentials for "
                        + Redaction.url(repoURL) + ": " + e.getMessage(), repoURL), null);
            }
        }
    }

    private static RemoteRefs.RemoteRef remoteRef(Ref ref) {
        Optional<String> target = ref.isSymbolic() ? Optional.of(ref.getTarget().getName()) : Optional.empty();
        String objectId = ref.getObjectId() == null ? "" : ref.getObjectId().name();
        Optional<String> peeled = Optional.ofNullable(ref.getPeeledObjectId()).map(id -> id.name());
        return new RemoteRefs.RemoteRef(ref.getName(), objectId, peeled, target);
    }

    /** A redacted {@link GitException}: a timeout, or what failed and what to check. */
    GitException failure(String repoURL, String revision, Throwable e) {
        if (e instanceof GitException git) {
            return git;
        }
        String url = Redaction.url(repoURL);
        String message;
        if (repoURL.regionMatches(true, 0, "oci://", 0, "oci://".length())) {
            message = "cannot fetch " + url + ": an OCI registry is not a Git repository; GitOps4J reads manifests "
                    + "from Git, and Helm charts from OCI registries when spec.source.chart names the chart (with "
                    + "targetRevision its version); Argo CD's OCI sources of plain manifests are not supported";
        } else if (timedOut(e)) {
            message = "cannot fetch " + url + ": no answer within " + options.timeoutSeconds()
                    + " seconds (GitOptions.timeout); check that the server is reachable, or raise the timeout";
        } else {
            String root = rootMessage(e);
            if (root.contains("no CredentialsProvider")) {
                root = "the server requires authentication and no credentials are configured for this repository"
                        + " (RepositoryCredentials, or user information in the URL)";
            }
            message = "cannot fetch " + url + ": " + root + hostKeyHint(root)
                    + "; check that spec.source.repoURL is right, reachable and readable with the configured credentials";
        }
        return new GitException(repoURL, revision, redactor.text(message, repoURL), redactor.cause(e, repoURL));
    }

    private static String hostKeyHint(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("key did not validate") || lower.contains("host key") || lower.contains("server key")) {
            return " (the server's SSH host key is not in the known_hosts of the credentials for this repository:"
                    + " add its line, as ssh-keyscan prints it, to GitCredentials.ssh(key, knownHosts))";
        }
        if (lower.contains("no more authentication methods")) {
            return " (the server did not accept the SSH key of the credentials for this repository)";
        }
        return "";
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException
                    || t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
