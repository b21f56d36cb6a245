package io.gitops4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.KubernetesObjects;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gitops app delete NAME}: deletes an Application object as {@code argocd app delete} (and
 * Argo CD's API server behind it) does. With {@code --cascade} (the default) the resources
 * finalizer is added first ({@code resources-finalizer.argocd.argoproj.io}, or its
 * {@code /foreground} or {@code /background} form for {@code --propagation-policy}), so the
 * controller deletes the application's resources before the object goes; {@code --cascade=false}
 * removes those finalizers, so the object goes at once and its resources stay. Asks for
 * confirmation on standard input unless {@code --yes}; {@code --wait} waits until the object is gone.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete an Application, as argocd app delete: with --cascade (default) its resources are "
                + "deleted by the controller first, with --cascade=false they stay.",
                "Exit code: 0 deleted or cancelled, 1 an error."})
final class AppDeleteCommand implements Callable<Integer> {

    static final String RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";
    static final List<String> CASCADE_FINALIZERS = List.of(RESOURCES_FINALIZER, RESOURCES_FINALIZER + "/foreground",
            RESOURCES_FINALIZER + "/background");

    @Mixin
    AppCommand.Target target;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--cascade", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "delete the application's resources too (default: ${DEFAULT-VALUE}); --cascade=false keeps them")
    boolean cascade;

    @Option(names = {"-p", "--propagation-policy"}, paramLabel = "POLICY",
            description = "how the resources are deleted: foreground (dependents first) or background")
    String propagationPolicy;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    @Option(names = "--wait", description = "wait until the application is gone (its resources deleted first)")
    boolean waitUntilGone;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "5m",
            description = "how long --wait waits (default: ${DEFAULT-VALUE})")
    String timeout;

    @Spec
    CommandSpec spec;

    /** Where the answer to the confirmation comes from; standard input unless a test sets it. */
    BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    @Override
    public Integer call() {
        String finalizer = finalizer();
        Duration wait = AppCommand.duration(spec, timeout);
        PrintWriter out = spec.commandLine().getOut();
        String app = target.namespace + "/" + name;
        if (!yes && !confirmed(out, cascade ? "Are you sure you want to delete '" + app + "' and all its resources? [y/n] "
                : "Are you sure you want to delete '" + app + "'? Its resources stay. [y/n] ")) {
            out.println("The command to delete '" + app + "' was cancelled.");
            out.flush();
            return 0;
        }
        target.with((cluster, type) -> {
            setFinalizers(cluster, type, finalizer);
            cluster.delete(type, target.namespace, name);
            if (waitUntilGone) {
                new ApplicationWatch(cluster, type, target.namespace, name).until(version -> version.isEmpty(), wait,
                        "the deletion of " + app + " (is `gitops controller` or Argo CD running? its resources finalizer "
                                + "holds the object until a controller deleted the resources)");
            }
            return null;
        });
        out.println("application '" + app + "' deleted");
        out.flush();
        return 0;
    }

    /** The finalizer a cascading delete sets, as Argo CD's API server chooses it; empty without cascade. */
    private String finalizer() {
        if (!cascade) {
            if (propagationPolicy != null) {
                throw new ParameterException(spec.commandLine(),
                        "cannot set --propagation-policy when cascading is disabled (--cascade=false)");
            }
            return "";
        }
        if (propagationPolicy == null) {
            return RESOURCES_FINALIZER;
        }
        return switch (propagationPolicy.toLowerCase(Locale.ROOT)) {
            case "foreground" -> RESOURCES_FINALIZER + "/foreground";
            case "background" -> RESOURCES_FINALIZER + "/background";
            default -> throw new ParameterException(spec.commandLine(), "--propagation-policy: '" + propagationPolicy
                    + "' is not foreground or background");
        };
    }

    /**
     * Adds {@code finalizer} when no cascade finalizer is there (not to an object already being
     * deleted: Kubernetes forbids it), or, without one, removes every cascade finalizer.
     */
    private void setFinalizers(Cluster cluster, ResourceType type, String finalizer) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode app = target.get(cluster, type, name);
            JsonNode present = app.path("metadata").path("finalizers");
            ArrayNode finalizers = app.arrayNode();
            present.forEach(finalizers::add);
            boolean change;
            if (!finalizer.isEmpty()) {
                change = !contains(finalizers, finalizer) && !app.path("metadata").has("deletionTimestamp");
                finalizers.add(finalizer);
            } else {
                ArrayNode kept = app.arrayNode();
                finalizers.forEach(f -> {
                    if (!CASCADE_FINALIZERS.contains(f.asText())) {
                        kept.add(f);
                    }
                });
                change = kept.size() != finalizers.size();
                finalizers = kept;
            }
            if (!change) {
                return;
            }
            KubernetesObjects.metadata(app).set("finalizers", finalizers);
            try {
                cluster.update(app);
                return;
            } catch (ClusterException e) {
                if (e.code() != 409 || attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    private static boolean contains(ArrayNode array, String value) {
        for (JsonNode element : array) {
            if (element.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private boolean confirmed(PrintWriter out, String question) {
        out.print(question);
        out.flush();
        try {
            String answer = input.readLine();
            return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            throw new GitOpsException("cannot read the answer from standard input: " + e.getMessage(), e);
        }
    }
}
