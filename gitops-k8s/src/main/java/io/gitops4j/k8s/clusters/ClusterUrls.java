package io.gitops4j.k8s.clusters;

import io.gitops4j.kube.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.Function;

/** Server URLs as Argo CD compares them, and the in-cluster address. */
final class ClusterUrls {

    /** The address of the API server from inside a cluster, Argo CD's {@code KubernetesInternalAPIServerAddr}. */
    static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";
    /** The name Argo CD gives the cluster it runs in. */
    static final String IN_CLUSTER_NAME = "in-cluster";

    private ClusterUrls() {
    }

    /** {@code server} without surrounding blanks and trailing slashes, as Argo CD stores it. */
    static String normalize(String server) {
        return server.trim().replaceAll("/+$", "");
    }

    /** Refuses a server that is not an absolute http(s) URL with a host. */
    static <E extends RuntimeException> void requireValid(String server, String what, Function<String, E> error) {
        String shown = Redaction.url(server);
        try {
            URI uri = new URI(server);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw error.apply(what + " '" + shown + "' is not an http(s) URL with a host; write it as https://host:port");
    }
}
