package io.gitops4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.core.GitOps;
import io.gitops4j.core.argocd.ArgoCdSettings;
import io.gitops4j.core.argocd.RepositorySecrets;
import io.gitops4j.core.diff.LocalDiff;
import io.gitops4j.core.diff.LocalDiffResult;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.Applications;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.diff.ignore.IgnoreDifferences;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Redaction;
import io.gitops4j.render.RenderRequest;
import io.gitops4j.render.Renderer;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gitops app diff NAME}: the differences between an Application's live objects and its
 * desired state, printed as {@code gitops diff} prints them, with the exit codes of
 * {@code argocd app diff}: 0 no difference, 1 differences, 2 an error. The desired state is the
 * one the controller last compared: the source ({@code status.sync.comparedTo}) at the revision
 * ({@code status.sync.revision}, or {@code revisions}) of its last comparison, rendered again here
 * with the repository credentials and {@code argocd-cm} settings of the cluster and compared with
 * the application's ignoreDifferences; an application never compared yet is compared at its
 * target revision; {@code --revision REV} compares the source at REV instead. With
 * {@code --local DIR}, DIR rendered with the application's source options
 * is compared instead, as {@code argocd app diff --local}. Only applications whose destination is
 * the cluster of the kubeconfig are compared.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show the differences between an Application's live objects and its desired state as the "
                + "controller last compared it (or, with --local DIR, DIR rendered with the application's source "
                + "options), as argocd app diff.", "Exit code: 0 no difference, 1 differences, 2 an error."})
final class AppDiffCommand implements Callable<Integer> {

    @Mixin
    AppCommand.Target target;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--local", paramLabel = "DIR",
            description = "compare this directory, rendered with the application's source options, instead of Git")
    Path local;

    @Option(names = "--revision", paramLabel = "REV",
            description = "compare this branch, tag or commit of the application's source instead")
    String revision;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "where Git mirrors are cached (default: ~/.cache/gitops4j/cli)")
    Path workDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            LocalDiffResult result = target.with(this::diff);
            PrintWriter out = spec.commandLine().getOut();
            result.warnings().forEach(w -> spec.commandLine().getErr().println("gitops app diff: warning: " + w));
            out.print(DiffCommand.text(result));
            out.flush();
            return result.modified() ? DiffCommand.DIFFERENT : DiffCommand.EQUAL;
        } catch (GitOpsException | IllegalArgumentException e) {
            return fail(e.getMessage());
        } catch (RuntimeException e) {
            return fail("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage() + " (please report it)");
        }
    }

    private LocalDiffResult diff(Cluster cluster, ResourceType type) {
        ObjectNode object = target.get(cluster, type, name);
        String where = target.namespace + "/" + name;
        requireInCluster(object.path("spec").path("destination"), where);
        ArgoCdSettings settings = ArgoCdSettings.fromCluster(cluster, target.namespace);
        if (local != null) {
            return againstLocal(cluster, Applications.fromObject(object, where), settings);
        }
        List<String> warnings = new ArrayList<>();
        Application app = Applications.fromObject(revision != null ? atRevision(object, revision, where)
                : asLastCompared(object, warnings), where);
        RepositorySecrets repositories = RepositorySecrets.fromCluster(cluster, target.namespace);
        warnings.addAll(repositories.warnings());
        GitOps gitops = settings.applyTo(GitOps.builder().cluster(cluster).workDir(workDir != null ? workDir
                : Path.of(System.getProperty("user.home"), ".cache", "gitops4j", "cli")))
                .gitCredentials(repositories.credentials()).build();
        Comparison comparison = gitops.compare(app).before();
        comparison.conditions().forEach(c -> warnings.add(c.message()));
        return new LocalDiffResult(comparison.resources(), warnings);
    }

    /**
     * The Application with the source(s) and destination of its last comparison, pinned to the
     * revision(s) compared; as it is when no controller compared it yet (a warning says so).
     */
    private static ObjectNode asLastCompared(ObjectNode object, List<String> warnings) {
        ObjectNode pinned = object.deepCopy();
        JsonNode sync = object.at("/status/sync");
        JsonNode comparedTo = sync.path("comparedTo");
        ObjectNode spec = (ObjectNode) pinned.path("spec");
        if (comparedTo.path("source").isObject() && !sync.path("revision").asText("").isEmpty()) {
            ObjectNode source = comparedTo.get("source").deepCopy();
            source.put("targetRevision", sync.get("revision").asText());
            spec.remove("sources");
            spec.set("source", source);
        } else if (comparedTo.path("sources").isArray() && !comparedTo.get("sources").isEmpty()
                && sync.path("revisions").size() == comparedTo.get("sources").size()) {
            ArrayNode sources = spec.arrayNode();
            for (int i = 0; i < comparedTo.get("sources").size(); i++) {
                ObjectNode source = comparedTo.get("sources").get(i).deepCopy();
                source.put("targetRevision", sync.get("revisions").get(i).asText());
                sources.add(source);
            }
            spec.remove("source");
            spec.set("sources", sources);
        } else {
            warnings.add("no controller compared the application yet; compared with its target revision as it is now");
            return pinned;
        }
        if (comparedTo.path("destination").isObject()) {
            spec.set("destination", comparedTo.get("destination").deepCopy());
        }
        return pinned;
    }

    /** The Application with its one source at {@code rev}, as {@code argocd app diff --revision}. */
    private static ObjectNode atRevision(ObjectNode object, String rev, String where) {
        ObjectNode pinned = object.deepCopy();
        JsonNode source = pinned.at("/spec/source");
        if (!source.isObject() || pinned.at("/spec/sources").size() > 0) {
            throw new GitOpsException("--revision compares one source; application " + where + " has several");
        }
        ((ObjectNode) source).put("targetRevision", rev);
        return pinned;
    }

    /** DIR rendered with the application's source options, compared with the live cluster, as argocd app diff --local. */
    private LocalDiffResult againstLocal(Cluster cluster, Application app, ArgoCdSettings settings) {
        if (app.hasMultipleSources()) {
            throw new GitOpsException("--local compares one directory; application " + target.namespace + "/" + name
                    + " has several sources");
        }
        RepositoryRoot repository = RenderCommand.repositoryHolding(local, null);
        Path source = RepositoryRoot.of(local).path();
        String namespace = app.destination().effectiveNamespace();
        RenderRequest request = new RenderRequest(repository, repository.display(source), app.source().renderOptions(),
                app.name(), namespace, app.source().repoURL(), app.source().targetRevision(), "");
        List<ObjectNode> rendered = Renderer.builder().cacheSize(0).build()
                .render(request).objects();
        ResourceDiffer differ = app.ignoreDifferences().isEmpty() ? ResourceDiffer.defaults()
                : ResourceDiffer.builder().ignoreDifferences(IgnoreDifferences.of(app.ignoreDifferences())).build();
        return LocalDiff.builder().differ(settings.differ(differ)).namespace(namespace).app(app.name())
                .tracking(settings.tracking()).build().against(cluster, rendered);
    }

    private static void requireInCluster(JsonNode destination, String where) {
        String server = destination.path("server").asText("");
        String cluster = destination.path("name").asText("");
        boolean inCluster = (server.isEmpty() || server.equals("https://kubernetes.default.svc"))
                && (cluster.isEmpty() || cluster.equals("in-cluster"));
        if (!inCluster) {
            throw new GitOpsException("application " + where + " deploys to " + (server.isEmpty() ? cluster
                    : Redaction.url(server)) + "; gitops app diff compares "
                    + "applications of the kubeconfig's own cluster (https://kubernetes.default.svc) only");
        }
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("gitops app diff: " + message);
        return DiffCommand.ERROR;
    }
}
