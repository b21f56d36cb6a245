package io.gitops4j.core.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.cluster.BuiltInResourceTypes;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.core.GitOps;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.Redaction;
import io.gitops4j.render.helm.HelmRepositoryCredentials;
import io.gitops4j.render.helm.RegistryLogin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Helm credentials from Argo CD's Helm repository Secrets, {@code repository} and
 * {@code repo-creds} Secrets ({@link RepositorySecrets#SECRET_TYPE_LABEL}) with {@code type: helm}:
 *
 * <ul>
 *   <li>with {@code enableOCI: "true"}, or {@code type: oci}, the Secret gives its {@code username}
 *       and {@code password} to the registry host of its {@code url}
 *       ({@code registry.example.com/charts}, {@code oci://} or not), as {@code helm registry login}
 *       would; charts of that host are then pulled with it ({@code Renderer.Builder.registryLogin});
 *   <li>otherwise it gives an {@code https://} chart repository (a {@code repository} Secret, the
 *       one repository of its {@code url}; a {@code repo-creds} Secret, every repository under its
 *       {@code url} on that host, the longest prefix winning, and only where the repository has no
 *       Secret with credentials of its own) its {@code username}/{@code password},
 *       {@code tlsClientCertData}/{@code tlsClientCertKey} and {@code insecure}
 *       ({@code Renderer.Builder.helmRepository} and {@code helmRepositoryCredentialTemplate}), sent
 *       for {@code index.yaml}, chart archives and chart dependencies on its own host only.
 * </ul>
 *
 * <p>What is not used is said, never silently dropped: a Secret scoped to a project, an OCI one
 * with only a user name, a certificate without its key, a second Secret for a host or URL already
 * given. A Secret whose values cannot be decoded is skipped here and named by
 * {@link RepositorySecrets}, which reads the same Secrets. Warnings and {@link #sources()} name
 * Secrets, hosts and URLs, never a value.
 *
 * @param registryLogins the login of each registry host ({@code host} or {@code host:port})
 * @param chartRepositories the credentials of each chart repository URL ({@code repository} Secrets)
 * @param chartRepositoryTemplates the credentials of every chart repository under each URL prefix
 *     ({@code repo-creds} Secrets)
 * @param sources one line per Secret used: which Secret gives which host
 * @param warnings one line per Secret left out, and why
 */
public record HelmRepositorySecrets(Map<String, RegistryLogin> registryLogins,
        Map<String, HelmRepositoryCredentials> chartRepositories,
        Map<String, HelmRepositoryCredentials> chartRepositoryTemplates, List<String> sources, List<String> warnings) {

    private static final Logger LOG = LoggerFactory.getLogger(HelmRepositorySecrets.class);

    /**
     * Copies the parts.
     *
     * @param registryLogins the login of each registry host
     * @param chartRepositories the credentials of each chart repository URL
     * @param chartRepositoryTemplates the credentials of every chart repository under each URL prefix
     * @param sources one line per Secret used
     * @param warnings one line per Secret left out, and why
     */
    public HelmRepositorySecrets {
        registryLogins = Map.copyOf(registryLogins);
        chartRepositories = Map.copyOf(chartRepositories);
        chartRepositoryTemplates = Map.copyOf(chartRepositoryTemplates);
        sources = List.copyOf(sources);
        warnings = List.copyOf(warnings);
    }

    /**
     * The registry logins and chart repository credentials of Argo CD's Helm repository Secrets;
     * other objects and Git Secrets are ignored. A repository's own Secret wins over a
     * {@code repo-creds} one for the same host; among Secrets of one kind, the first by namespace
     * and name.
     *
     * @param secrets Secrets as the API server serves them ({@code data} base64, {@code stringData} plain)
     * @return the logins, the Secrets they came from and warnings for the Secrets left out
     */
    public static HelmRepositorySecrets read(List<? extends JsonNode> secrets) {
        Map<String, RegistryLogin> logins = new LinkedHashMap<>();
        Map<String, HelmRepositoryCredentials> repositories = new LinkedHashMap<>();
        Map<String, HelmRepositoryCredentials> templates = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String label : List.of(RepositorySecrets.REPOSITORY, RepositorySecrets.REPO_CREDS)) {
            Map<String, HelmRepositoryCredentials> chartRepositories = label.equals(RepositorySecrets.REPOSITORY)
                    ? repositories : templates;
            secrets.stream().filter(s -> "Secret".equals(KubernetesObjects.kind(s)))
                    .filter(s -> label.equals(s.path("metadata").path("labels")
                            .path(RepositorySecrets.SECRET_TYPE_LABEL).asText("")))
                    .sorted(Comparator.comparing(KubernetesData::describe))
                    .forEach(secret -> read(secret, label, logins, chartRepositories, sources, warnings));
        }
        warnings.forEach(w -> LOG.warn("{}", w));
        return new HelmRepositorySecrets(logins, repositories, templates, sources, warnings);
    }

    /**
     * The Helm repository Secrets of a namespace of the cluster ({@code argocd}, usually).
     *
     * @param cluster the cluster to read from
     * @param namespace the namespace Argo CD's objects live in
     * @return the logins, the Secrets they came from and warnings for the Secrets left out
     */
    public static HelmRepositorySecrets fromCluster(Cluster cluster, String namespace) {
        List<JsonNode> secrets = new ArrayList<>();
        for (String type : List.of(RepositorySecrets.REPOSITORY, RepositorySecrets.REPO_CREDS)) {
            secrets.addAll(cluster.list(BuiltInResourceTypes.SECRET, ListOptions.inNamespace(namespace)
                    .withLabelSelector(RepositorySecrets.SECRET_TYPE_LABEL + "=" + type)));
        }
        return read(secrets);
    }

    /**
     * Gives the registry logins and chart repository credentials to the renderer {@code builder} builds.
     *
     * @param builder the instance's builder
     * @return {@code builder}
     */
    public GitOps.Builder applyTo(GitOps.Builder builder) {
        if (!registryLogins.isEmpty() || !chartRepositories.isEmpty() || !chartRepositoryTemplates.isEmpty()) {
            builder.renderer(renderer -> {
                registryLogins.forEach(renderer::registryLogin);
                chartRepositories.forEach(renderer::helmRepository);
                chartRepositoryTemplates.forEach(renderer::helmRepositoryCredentialTemplate);
            });
        }
        return builder;
    }

    private static void read(JsonNode secret, String label, Map<String, RegistryLogin> logins,
            Map<String, HelmRepositoryCredentials> chartRepositories, List<String> sources, List<String> warnings) {
        String where = label + " Secret " + KubernetesData.describe(secret);
        Map<String, String> data;
        try {
            data = KubernetesData.secret(secret, where);
        } catch (ArgoCdSettingsException e) {
            return;   // RepositorySecrets, which reads the same Secrets, warns about it once
        }
        String type = data.getOrDefault("type", "git").trim().toLowerCase(Locale.ROOT);
        boolean oci = type.equals("oci") || type.equals("helm")
                && Boolean.parseBoolean(data.getOrDefault("enableOCI", "false").trim());
        if (!type.equals("helm") && !type.equals("oci")) {
            return;
        }
        String url = data.getOrDefault("url", "").trim();
        String username = data.getOrDefault("username", "");
        String password = data.getOrDefault("password", "");
        if (!oci) {
            chartRepository(data, label, where, url, chartRepositories, sources, warnings);
            return;
        }
        if (username.isEmpty() && password.isEmpty()) {
            return;   // an anonymous registry needs no login
        }
        String host = host(url);
        if (host.isEmpty()) {
            warnings.add(where + " has no registry in 'url'; the Secret is not used");
        } else if (!data.getOrDefault("project", "").isBlank()) {
            warnings.add(where + " for " + host + " is scoped to project '" + data.get("project").trim()
                    + "'; project-scoped credentials are not used, give them a Secret without 'project'");
        } else if (username.isEmpty() || password.isEmpty()) {
            warnings.add(where + " for " + host + " has no '" + (username.isEmpty() ? "username" : "password")
                    + "'; the Secret is not used");
        } else if (logins.containsKey(host)) {
            warnings.add(where + " names registry " + host + " again; the first Secret for it is used");
        } else {
            logins.put(host, new RegistryLogin(username, password));
            sources.add(where + ": OCI registry " + host);
        }
    }

    /** An {@code https://} chart repository's Secret: its credentials for the URL (or URL prefix). */
    private static void chartRepository(Map<String, String> data, String label, String where, String url,
            Map<String, HelmRepositoryCredentials> chartRepositories, List<String> sources, List<String> warnings) {
        String cert = data.getOrDefault("tlsClientCertData", "");
        String key = data.getOrDefault("tlsClientCertKey", "");
        boolean insecure = Boolean.parseBoolean(data.getOrDefault("insecure", "false").trim());
        String username = data.getOrDefault("username", "");
        String password = data.getOrDefault("password", "");
        if (username.isEmpty() && password.isEmpty() && cert.isBlank() && key.isBlank() && !insecure) {
            return;   // an anonymous chart repository needs nothing
        }
        String repo = Redaction.url(url);
        String kind = label.equals(RepositorySecrets.REPOSITORY) ? "chart repository " : "every chart repository under ";
        if (!url.regionMatches(true, 0, "https://", 0, 8) && !url.regionMatches(true, 0, "http://", 0, 7)) {
            warnings.add(where + " has no https:// chart repository in 'url'; the Secret is not used");
        } else if (!data.getOrDefault("project", "").isBlank()) {
            warnings.add(where + " for " + repo + " is scoped to project '" + data.get("project").trim()
                    + "'; project-scoped credentials are not used, give them a Secret without 'project'");
        } else if (cert.isBlank() != key.isBlank()) {
            warnings.add(where + " for " + repo + " has '" + (cert.isBlank() ? "tlsClientCertKey" : "tlsClientCertData")
                    + "' without '" + (cert.isBlank() ? "tlsClientCertData" : "tlsClientCertKey")
                    + "'; the Secret is not used");
        } else if (chartRepositories.keySet().stream().anyMatch(u -> same(u, url))) {
            warnings.add(where + " names " + repo + " again; the first Secret for it is used");
        } else {
            chartRepositories.put(url, new HelmRepositoryCredentials(username, password, cert, key, insecure));
            sources.add(where + ": " + kind + repo);
        }
    }

    private static boolean same(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String url) {
        String result = url.trim();
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /** The registry host of a URL: {@code oci://HOST/path}, {@code HOST/path} or {@code HOST}. */
    static String host(String url) {
        String rest = url.regionMatches(true, 0, "oci://", 0, 6) ? url.substring(6) : url;
        int slash = rest.indexOf('/');
        String host = slash < 0 ? rest : rest.substring(0, slash);
        int at = host.lastIndexOf('@');
        return (at < 0 ? host : host.substring(at + 1)).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "HelmRepositorySecrets[" + registryLogins.keySet() + ", " + chartRepositories.keySet().stream()
                .map(Redaction::url).toList() + ", " + chartRepositoryTemplates.keySet().stream().map(Redaction::url)
                .toList() + ", " + warnings.size() + " warning(s)]";
    }
}
