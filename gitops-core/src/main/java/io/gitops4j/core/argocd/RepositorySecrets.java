package io.gitops4j.core.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.core.git.GitCredentials;
import io.gitops4j.core.git.RepositoryCredentials;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.Redaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Git credentials from Argo CD's repository Secrets: Secrets labelled
 * {@code argocd.argoproj.io/secret-type: repository} give the credentials of one repository (its
 * {@code url}), those labelled {@code repo-creds} the credentials of every repository whose URL
 * starts with theirs; a repository's own credentials win, else the longest matching template's
 * ({@link RepositoryCredentials}, which compares URLs normalized as Argo CD does). Fields read:
 * {@code url}, {@code username} and {@code password} (HTTPS), {@code sshPrivateKey} (SSH, checked
 * against the {@code ssh_known_hosts} of {@code argocd-ssh-known-hosts-cm}), {@code insecure} (SSH:
 * any host key), {@code type} (only {@code git}, the default, is read here) and {@code project}.
 *
 * <p>Unlike Argo CD, which lets only the applications of a project use a repository Secret scoped
 * to it, the Git cache here has no notion of projects: such a Secret is left out rather than
 * offered to every application. A Secret that cannot be used (no {@code url}, no credentials, an
 * unreadable value, only authentication GitOps4J does not implement) is left out with a warning;
 * one bad Secret never stops the others. Warnings, {@link #sources()} and {@code toString()} name
 * Secrets, fields and URLs without their credentials, never a value.
 *
 * @param credentials the credentials, by repository URL and URL prefix
 * @param sources one line per Secret used: which Secret gives which URL
 * @param warnings one line per Secret left out or used in part, and why
 */
public record RepositorySecrets(RepositoryCredentials credentials, List<String> sources, List<String> warnings) {

    /** The label marking Argo CD's Secrets, and its values read here. */
    public static final String SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";
    /** The label value of a Secret holding one repository's credentials. */
    public static final String REPOSITORY = "repository";
    /** The label value of a Secret holding credentials for every repository under a URL prefix. */
    public static final String REPO_CREDS = "repo-creds";

    private static final Logger LOG = LoggerFactory.getLogger(RepositorySecrets.class);

    /** Authentications of Argo CD's repository Secrets that GitOps4J does not implement. */
    private static final List<String> UNSUPPORTED = List.of("bearerToken", "githubAppPrivateKey", "tlsClientCertData",
            "gcpServiceAccountKey", "useAzureWorkloadIdentity", "azureServicePrincipalClientSecret");
    private static final List<String> SECRET_FIELDS = List.of("password", "sshPrivateKey", "bearerToken",
            "githubAppPrivateKey", "tlsClientCertKey", "gcpServiceAccountKey", "azureServicePrincipalClientSecret");

    /**
     * Requires the credentials and copies the lists.
     *
     * @param credentials the credentials, by repository URL and URL prefix
     * @param sources one line per Secret used: which Secret gives which URL
     * @param warnings one line per Secret left out or used in part, and why
     */
    public RepositorySecrets {
        Objects.requireNonNull(credentials, "credentials");
        sources = List.copyOf(sources);
        warnings = List.copyOf(warnings);
    }

    /**
     * The credentials of Argo CD's repository and {@code repo-creds} Secrets; other objects are ignored.
     *
     * @param secrets Secrets as the API server serves them ({@code data} base64, {@code stringData} plain)
     * @param knownHosts {@code known_hosts} lines SSH host keys must match (Argo CD's {@code argocd-ssh-known-hosts-cm})
     * @return the credentials, the Secrets they came from and warnings for the Secrets that were skipped
     */
    public static RepositorySecrets read(List<? extends JsonNode> secrets, String knownHosts) {
        RepositoryCredentials.Builder builder = RepositoryCredentials.builder();
        List<String> sources = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<java.util.function.Consumer<RepositoryCredentials.Builder>> registrations = new ArrayList<>();
        List<? extends JsonNode> sorted = secrets.stream()
                .sorted(Comparator.comparing(KubernetesData::describe)).toList();
        for (JsonNode secret : sorted) {
            String type = secret.path("metadata").path("labels").path(SECRET_TYPE_LABEL).asText("");
            if (!"Secret".equals(KubernetesObjects.kind(secret)) || !type.equals(REPOSITORY) && !type.equals(REPO_CREDS)) {
                continue;
            }
            String where = (type.equals(REPOSITORY) ? "repository" : "repo-creds") + " Secret "
                    + KubernetesData.describe(secret);
            Map<String, String> data;
            try {
                data = KubernetesData.secret(secret, where);
            } catch (ArgoCdSettingsException e) {
                warnings.add(e.getMessage() + "; the Secret is not used");
                continue;
            }
            List<String> found = new ArrayList<>();
            Optional<GitCredentials> credentials = credentials(data, type, where, knownHosts, found, seen);
            List<String> values = SECRET_FIELDS.stream().map(f -> data.getOrDefault(f, "")).toList();
            found.forEach(w -> warnings.add(Redaction.text(w, values)));
            if (credentials.isPresent()) {
                String url = data.get("url").trim();
                GitCredentials chosen = credentials.get();
                registrations.add(0, b -> {
                    if (type.equals(REPOSITORY)) {
                        b.repository(url, chosen);
                    } else {
                        b.prefix(url, chosen);
                    }
                });
                seen.add(type + " " + url);
                sources.add(Redaction.text(where + ": " + (type.equals(REPOSITORY) ? "repository " : "every repository under ")
                        + Redaction.url(url) + " (" + (credentials.get() instanceof GitCredentials.Ssh ? "SSH key" : "HTTPS")
                        + ")", values));
            }
        }
        // Registered last to first: the builder keeps the last entry for a URL, Argo CD the first Secret.
        registrations.forEach(r -> r.accept(builder));
        warnings.forEach(w -> LOG.warn("{}", w));
        return new RepositorySecrets(builder.build(), sources, warnings);
    }

    /**
     * The repository Secrets of a namespace of the cluster ({@code argocd}, usually), with the
     * known hosts of its {@code argocd-ssh-known-hosts-cm} when there is one.
     *
     * @param cluster the cluster to read from
     * @param namespace the namespace Argo CD's objects live in, usually {@code argocd}
     * @return the credentials, the Secrets they came from and warnings for the Secrets that were skipped
     */
    public static RepositorySecrets fromCluster(Cluster cluster, String namespace) {
        return RepositorySecretObjects.fromCluster(cluster, namespace).git();
    }

    private static Optional<GitCredentials> credentials(Map<String, String> data, String type, String where,
            String knownHosts, List<String> warnings, List<String> seen) {
        String url = data.getOrDefault("url", "").trim();
        if (url.isEmpty()) {
            warnings.add(where + " has no 'url'; the Secret is not used");
            return Optional.empty();
        }
        String repo = Redaction.url(url);
        String kind = data.getOrDefault("type", "git").trim();
        if (!kind.isEmpty() && !kind.equalsIgnoreCase("git")) {
            return Optional.empty();
        }
        if (type.equals(REPOSITORY) && !data.getOrDefault("project", "").isBlank()) {
            warnings.add(where + " for " + repo + " is scoped to project '" + data.get("project").trim()
                    + "'; project-scoped credentials are not used (the Git cache has no projects), give them a "
                    + "Secret without 'project' to use them for every application");
            return Optional.empty();
        }
        if (seen.contains(type + " " + url)) {
            warnings.add(where + " names " + repo + " again; the first Secret (by namespace/name) for it is used");
            return Optional.empty();
        }
        UNSUPPORTED.stream().filter(f -> !data.getOrDefault(f, "").isBlank()).forEach(f -> warnings.add(where
                + " for " + repo + " sets '" + f + "', an authentication GitOps4J does not implement; only username/"
                + "password and sshPrivateKey are used"));
        if (!data.getOrDefault("proxy", "").isBlank()) {
            warnings.add(where + " for " + repo + " sets 'proxy', which GitOps4J does not use; Git is reached directly");
        }
        boolean insecure = Boolean.parseBoolean(data.getOrDefault("insecure", "false").trim())
                || Boolean.parseBoolean(data.getOrDefault("insecureIgnoreHostKey", "false").trim());
        String key = data.getOrDefault("sshPrivateKey", "");
        if (!key.isBlank()) {
            if (!key.contains("PRIVATE KEY-----")) {
                warnings.add(where + " for " + repo + ": 'sshPrivateKey' is not a PEM or OpenSSH private key; "
                        + "the Secret is not used");
                return Optional.empty();
            }
            GitCredentials.Ssh ssh = GitCredentials.ssh(key, knownHosts);
            if (!insecure && knownHosts.isBlank()) {
                warnings.add(where + " for " + repo + " has an SSH key but no known host keys were given "
                        + "(argocd-ssh-known-hosts-cm); SSH connections will be refused until they are");
            }
            return Optional.of(insecure ? ssh.insecureIgnoreHostKey() : ssh);
        }
        String username = data.getOrDefault("username", "");
        String password = data.getOrDefault("password", "");
        if (password.isEmpty()) {
            if (!username.isEmpty() || type.equals(REPO_CREDS)) {
                warnings.add(where + " for " + repo + " has no 'password' or 'sshPrivateKey'; the Secret is not used");
            }
            return Optional.empty();
        }
        if (insecure) {
            warnings.add(where + " for " + repo + " sets 'insecure' for HTTPS; GitOps4J keeps verifying the server's "
                    + "certificate (add its CA to the JVM's trust store instead)");
        }
        return Optional.of(GitCredentials.https(username, password));
    }

    @Override
    public String toString() {
        return "RepositorySecrets[" + credentials + ", " + sources.size() + " Secret(s) used, " + warnings.size()
                + " warning(s)]";
    }
}
