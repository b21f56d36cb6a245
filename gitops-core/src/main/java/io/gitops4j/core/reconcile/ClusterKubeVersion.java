package io.gitops4j.core.reconcile;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.kube.GitOpsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destination cluster's Kubernetes version as Helm templates get it, the way Argo CD passes
 * it to {@code helm template --kube-version}: {@code major.minor} from {@code /version}, read as
 * a version ({@code 1.31} and {@code 1.31+} become {@code 1.31.0}). Asked of the cluster at most
 * once per {@link #REFRESH} on the clock; when the cluster cannot say, the last answer stays, or
 * none (then Helm's own default).
 */
final class ClusterKubeVersion {

    /** How long an answer is used before the cluster is asked again. */
    static final Duration REFRESH = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(ClusterKubeVersion.class);
    private static final Pattern MAJOR_MINOR = Pattern.compile("v?(\\d+)\\.(\\d+).*");

    private final Cluster cluster;
    private final Clock clock;
    private Optional<String> version = Optional.empty();
    private Optional<Instant> askedAt = Optional.empty();

    ClusterKubeVersion(Cluster cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    /** The version, {@code 1.31.0}, or empty when the cluster never said. */
    synchronized Optional<String> get() {
        Instant now = clock.instant();
        if (askedAt.isPresent() && now.isBefore(askedAt.get().plus(REFRESH))) {
            return version;
        }
        askedAt = Optional.of(now);
        try {
            Optional<String> reported = cluster.kubernetesVersion();
            Optional<String> parsed = reported.flatMap(ClusterKubeVersion::parse);
            if (reported.isPresent() && parsed.isEmpty()) {
                LOG.warn("the cluster reports Kubernetes version '{}', which is not major.minor; Helm charts see "
                        + "Helm's default version", reported.get());
            }
            version = parsed.or(() -> version);
        } catch (GitOpsException e) {
            LOG.warn("cannot read the cluster's Kubernetes version ({}); Helm charts see {}", e.getMessage(),
                    version.orElse("Helm's default version"));
        }
        return version;
    }

    /** {@code 1.31}, {@code 1.31+} or {@code v1.31.2} as {@code 1.31.0}, as Argo CD reads {@code major.minor}. */
    static Optional<String> parse(String reported) {
        Matcher matcher = MAJOR_MINOR.matcher(reported.strip());
        return matcher.matches() ? Optional.of(matcher.group(1) + "." + matcher.group(2) + ".0") : Optional.empty();
    }
}
