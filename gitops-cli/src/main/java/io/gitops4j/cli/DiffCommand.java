package io.gitops4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.core.diff.LocalDiff;
import io.gitops4j.core.diff.LocalDiffResult;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.diff.ignore.IgnoreDifferences;
import io.gitops4j.diff.mask.SecretMasker;
import io.gitops4j.diff.text.UnifiedDiff;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import io.gitops4j.k8s.sync.ResourceState;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.k8s.tracking.ResourceTracking;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.ServerFields;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.render.RenderRequest;
import io.gitops4j.render.Renderer;
import io.gitops4j.render.SourceOptions;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gitops diff [DIR | --desired FILE] [--live FILE | --kubeconfig FILE]}: what applying the
 * manifests would change, like {@code kubectl diff} and {@code argocd app diff --local}. The
 * manifests are DIR rendered (plain YAML, a kustomization or a Helm chart) or a file; the live
 * objects are a file ({@code kubectl get -o yaml}) or, without {@code --live}, the cluster of a
 * kubeconfig. Objects without a namespace get the destination namespace ({@code -n}; against a
 * cluster, the kubeconfig's, else {@code default}), cluster-scoped kinds stay without one. With
 * {@code --app}, the manifests carry the application's tracking mark and the live objects it
 * tracks that the manifests no longer have are listed as Extraneous. Exit code 0 when nothing
 * would change, 1 when something would, 2 on error (as {@code kubectl diff}: above 1).
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show what applying the manifests (DIR rendered, or --desired FILE) would change in the live "
                + "objects (--live FILE, or the cluster of a kubeconfig), like kubectl diff and argocd app diff --local.",
                "Exit code: 0 equal, 1 different, 2 error."})
final class DiffCommand implements Callable<Integer> {

    static final int EQUAL = 0;
    static final int DIFFERENT = 1;
    static final int ERROR = 2;

    /** Output formats. */
    enum Format { text, json }

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "the directory to render (plain manifests, a kustomization or a Helm chart)")
    Path directory;

    @Option(names = "--desired", paramLabel = "FILE", description = "manifests from a file instead of DIR (multi-document YAML or JSON)")
    Path desiredFile;

    @Option(names = "--live", paramLabel = "FILE",
            description = "the live objects from a file (kubectl get -o yaml; a List is fine) instead of a cluster")
    Path liveFile;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "the kubeconfig of the cluster to compare with (default: $KUBECONFIG, then ~/.kube/config)")
    Path kubeconfig;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "the destination namespace for objects that name none (against a cluster default: the "
                    + "kubeconfig's, else default)")
    String namespace;

    @Option(names = "--app", paramLabel = "NAME",
            description = "the application: its tracking mark is expected on every object, and the objects it tracks "
                    + "that the manifests lack are listed as Extraneous; it is also DIR's Helm release name")
    String app;

    @Option(names = "--tracking", paramLabel = "METHOD", defaultValue = "annotation",
            description = "how --app marks its objects: annotation (default), label, annotation+label")
    String tracking;

    @Option(names = "--ignore-differences", paramLabel = "FILE", description = "an Argo CD ignoreDifferences list (YAML)")
    Path ignoreFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--field-manager", paramLabel = "NAME", defaultValue = ResourceDiffer.DEFAULT_FIELD_MANAGER,
            description = "the field manager of server-side applies (default: ${DEFAULT-VALUE})")
    String fieldManager;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            if ((directory == null) == (desiredFile == null)) {
                return fail("give either a directory to render or --desired FILE (not both)");
            }
            if (liveFile != null && kubeconfig != null) {
                return fail("give either --live FILE or --kubeconfig FILE (not both)");
            }
            LocalDiffResult result = liveFile != null
                    ? diff(namespace).against(objects(liveFile), desired(Objects.requireNonNullElse(namespace, "")))
                    : againstCluster();
            PrintWriter out = spec.commandLine().getOut();
            result.warnings().forEach(w -> spec.commandLine().getErr().println("gitops diff: warning: " + w));
            out.print(format == Format.json ? Json.write(json(result)) + "\n" : text(result));
            out.flush();
            return result.modified() ? DIFFERENT : EQUAL;
        } catch (GitOpsException e) {
            return fail(e.getMessage());
        } catch (NoSuchFileException e) {
            return fail(e.getFile() + ": no such file");
        } catch (IOException e) {
            return fail("cannot read " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        } catch (RuntimeException e) {
            return fail("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage() + " (please report it)");
        }
    }

    private LocalDiffResult againstCluster() throws IOException {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Kubeconfigs.load(kubeconfig)).build()) {
            String destination = namespace != null ? namespace : Objects.requireNonNullElse(client.getNamespace(), "default");
            return diff(destination).against(new Fabric8Cluster(client), desired(destination));
        }
    }

    private LocalDiff diff(String destination) throws IOException {
        LocalDiff.Builder diff = LocalDiff.builder().differ(ResourceDiffer.builder()
                .ignoreDifferences(ignoreFile == null ? IgnoreDifferences.none()
                        : IgnoreDifferences.parse(read(ignoreFile), ignoreFile.toString()))
                .fieldManager(fieldManager)
                .build());
        if (destination != null && !destination.isEmpty()) {
            diff.namespace(destination);
        }
        if (app != null) {
            diff.app(app).tracking(ResourceTracking.ofMethod(tracking));
        }
        return diff.build();
    }

    /** The manifests: DIR rendered for the destination (Helm's release namespace), or the file's objects. */
    private List<ObjectNode> desired(String destination) throws IOException {
        if (desiredFile != null) {
            return objects(desiredFile);
        }
        RepositoryRoot repository = RenderCommand.repositoryHolding(directory, null);
        Path source = RepositoryRoot.of(directory).path();
        String release = app != null ? app : Objects.requireNonNullElse(source.getFileName(), source).toString();
        RenderRequest request = new RenderRequest(repository, repository.display(source), SourceOptions.AUTO, release,
                destination, "", "", "");
        return Renderer.builder().cacheSize(0).build().render(request).objects();
    }

    /** The result as text: each changed resource's unified diff, then a count; also what {@code gitops app diff} prints. */
    static String text(LocalDiffResult result) {
        StringBuilder text = new StringBuilder();
        for (ResourceState resource : result.changed()) {
            text.append("===== ").append(resource.key()).append(" (").append(resource.status().displayName())
                    .append(") =====\n").append(diffText(resource));
        }
        int changed = result.changed().size();
        int total = result.resources().size();
        text.append(changed == 0 ? "no differences in " + total + " resources\n"
                : changed + " of " + total + " resources differ\n");
        return text.toString();
    }

    private static String diffText(ResourceState resource) {
        String live = resource.key() + " (live)";
        String desired = resource.key() + " (desired)";
        return switch (resource.status()) {
            case MISSING -> UnifiedDiff.between(live, "", desired, shown(resource.desired().orElseThrow()));
            case EXTRANEOUS -> UnifiedDiff.between(live, shown(resource.live().orElseThrow()), desired, "");
            default -> resource.diff().map(d -> d.textDiff()).orElse("");
        };
    }

    private static String shown(ObjectNode object) {
        return Yaml.write(SecretMasker.mask(List.of(ServerFields.strip(object))).get(0));
    }

    private static ObjectNode json(LocalDiffResult result) {
        ObjectNode report = Json.object();
        report.put("modified", result.modified());
        ArrayNode resources = report.putArray("resources");
        for (ResourceState state : result.resources()) {
            ObjectNode resource = resources.addObject();
            resource.put("group", state.key().group()).put("kind", state.key().kind())
                    .put("namespace", state.key().namespace()).put("name", state.key().name())
                    .put("status", state.status().displayName()).put("modified", state.status() != SyncStatus.SYNCED);
            state.diff().ifPresent(d -> resource.put("mode", d.mode().name()));
            resource.set("operations", state.diff().map(d -> d.patch()).orElse(Json.mapper().createArrayNode()));
            resource.put("diff", diffText(state));
        }
        ArrayNode warnings = report.putArray("warnings");
        result.warnings().forEach(warnings::add);
        return report;
    }

    /** The objects of a file; {@code kind: List} documents contribute their items. */
    private static List<ObjectNode> objects(Path file) throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        for (YamlDocument document : Yaml.readDocuments(read(file), file.toString())) {
            ObjectNode body = document.body();
            List<ObjectNode> items = new ArrayList<>();
            if (body.path("kind").asText("").endsWith("List") && body.path("items").isArray()) {
                body.get("items").forEach(item -> items.add((ObjectNode) item));
            } else {
                items.add(body);
            }
            for (ObjectNode item : items) {
                if (item.path("kind").asText("").isEmpty() || item.path("metadata").path("name").asText("").isEmpty()) {
                    throw new GitOpsException(document.location() + ": a Kubernetes object needs a kind and metadata.name");
                }
                objects.add(item);
            }
        }
        return objects;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("gitops diff: " + message);
        return ERROR;
    }
}
