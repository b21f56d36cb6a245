package io.gitops4j.core.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.git.Checkout;
import io.gitops4j.core.git.CheckoutLease;
import io.gitops4j.core.git.ResolvedRevision;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.k8s.sync.DesiredState;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Redaction;
import io.gitops4j.render.RenderRequest;
import io.gitops4j.render.Rendered;
import io.gitops4j.render.SourceType;
import io.gitops4j.render.helm.HelmOptions;
import io.gitops4j.render.source.ReferencedSource;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An application with several sources ({@code spec.sources}), as Argo CD 2.6+ builds it: each
 * source resolved at its own revision and rendered on its own, the objects of all concatenated in
 * the order of the sources (an object rendered twice: the last one wins, with a
 * RepeatedResourceWarning). A {@code ref} source lends its repository to the Helm value files of
 * the others ({@code $ref/path/values.yaml}, read inside that repository only) and renders nothing
 * unless it has a {@code path}. Any source failing fails the whole render, naming the source:
 * nothing is compared or synced then, so nothing is pruned.
 */
final class SourcesRenderer {

    private final AppStateManager states;

    SourcesRenderer(AppStateManager states) {
        this.states = states;
    }

    /**
     * Resolves every source.
     *
     * @param pinned one revision per source to resolve instead of its {@code targetRevision}
     *     (a sync of a revision compared before), or empty
     * @throws SourceException naming the source that cannot be resolved
     */
    AppRevision resolve(Application app, List<String> pinned, Optional<Instant> refsListedSince) {
        List<ApplicationSource> sources = app.allSources();
        List<ResolvedRevision> resolved = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            ApplicationSource source = pinned.isEmpty() ? sources.get(i) : sources.get(i).withTargetRevision(pinned.get(i));
            try {
                resolved.add(states.resolveSource(source, refsListedSince));
            } catch (GitOpsException | UncheckedIOException e) {
                throw new SourceException("cannot resolve " + label(sources, i) + ": " + e.getMessage(), e);
            }
        }
        return new AppRevision(sources, resolved);
    }

    /**
     * Renders every source at its resolved revision and prepares the objects of all.
     *
     * @throws SourceException naming the source that cannot be checked out or rendered, or the
     *     value file that names a {@code ref} no source has
     */
    TargetState render(Application app, AppRevision revision, boolean hardRefresh) {
        List<ApplicationSource> sources = revision.sources();
        requireReferencesKnown(sources);
        List<CheckoutLease> leases = new ArrayList<>();
        try {
            List<Checkout> checkouts = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                checkouts.add(checkout(sources, i, revision.resolved().get(i), leases));
            }
            Map<String, ReferencedSource> references = new LinkedHashMap<>();
            for (int i = 0; i < sources.size(); i++) {
                if (!sources.get(i).ref().isEmpty() && !sources.get(i).isHelmChartRepository()) {
                    references.put(sources.get(i).ref(), new ReferencedSource(
                            RepositoryRoot.of(checkouts.get(i).directory()), checkouts.get(i).revision()));
                }
            }
            List<ObjectNode> objects = new ArrayList<>();
            Optional<SourceType> type = Optional.empty();
            for (int i = 0; i < sources.size(); i++) {
                ApplicationSource source = sources.get(i);
                if (source.isRefOnly()) {
                    continue;
                }
                Rendered rendered = render(app, sources, i, checkouts.get(i), references, hardRefresh);
                objects.addAll(rendered.objects());
                type = type.or(() -> Optional.of(rendered.type()));
            }
            List<String> revisions = checkouts.stream().map(Checkout::revision).toList();
            String joined = SourceRevisions.join(revisions);
            DesiredState desired = DesiredState.prepare(objects, states.syncTarget(app, joined), states.cluster());
            String message = checkouts.stream().filter(c -> !c.message().isEmpty()).map(Checkout::message).findFirst()
                    .orElse("");
            return new TargetState(app, joined, message, type.orElse(SourceType.DIRECTORY), desired, revisions);
        } finally {
            leases.forEach(CheckoutLease::close);
        }
    }

    private Checkout checkout(List<ApplicationSource> sources, int i, ResolvedRevision resolved,
            List<CheckoutLease> leases) {
        ApplicationSource source = sources.get(i);
        if (source.isHelmChartRepository()) {
            return new Checkout(Redaction.url(source.repoURL()), resolved.commit(), states.emptyChartSourceRoot(),
                    "");
        }
        try {
            CheckoutLease lease = states.git().lease(source.repoURL(), resolved);
            leases.add(lease);
            return lease.checkout();
        } catch (GitOpsException | UncheckedIOException e) {
            throw new SourceException("cannot check out " + label(sources, i) + " at " + resolved.commit() + ": "
                    + e.getMessage(), e);
        }
    }

    private Rendered render(Application app, List<ApplicationSource> sources, int i, Checkout checkout,
            Map<String, ReferencedSource> references, boolean hardRefresh) {
        ApplicationSource source = sources.get(i);
        boolean helmValueReferences = source.helm().map(HelmOptions::valueFiles).orElse(List.of()).stream()
                .anyMatch(file -> file.startsWith("$"));
        try {
            RenderRequest request = new RenderRequest(RepositoryRoot.of(checkout.directory()), source.path(),
                    states.renderOptions(app, source), app.name(), app.destination().effectiveNamespace(),
                    source.repoURL(), source.targetRevision(),
                    source.isHelmChartRepository() ? "" : checkout.revision(),
                    helmValueReferences ? references : Map.of(), states.clusterKubeVersion());
            return hardRefresh ? states.renderer().renderFresh(request) : states.renderer().render(request);
        } catch (GitOpsException | UncheckedIOException e) {
            throw new SourceException("cannot render " + label(sources, i) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Argo CD's checks of {@code $ref} value files: the ref must be a source's, and that source
     * must be a Git repository.
     */
    private static void requireReferencesKnown(List<ApplicationSource> sources) {
        Map<String, ApplicationSource> refs = new LinkedHashMap<>();
        sources.stream().filter(s -> !s.ref().isEmpty()).forEach(s -> refs.put(s.ref(), s));
        for (int i = 0; i < sources.size(); i++) {
            for (String file : sources.get(i).helm().map(HelmOptions::valueFiles).orElse(List.of())) {
                if (!file.startsWith("$")) {
                    continue;
                }
                String name = file.substring(1, file.contains("/") ? file.indexOf('/') : file.length());
                ApplicationSource referenced = refs.get(name);
                if (referenced == null) {
                    throw new SourceException(label(sources, i) + ": values file '" + file + "' names $" + name + ", "
                            + (refs.isEmpty() ? "but no source has a 'ref' field"
                                    : "which is not one of the available sources (" + new TreeSet<>(refs.keySet())
                                            .stream().map(r -> "$" + r).toList() + ")")
                            + "; give the source holding the file 'ref: " + name + "'");
                }
                if (referenced.isHelmChartRepository()) {
                    throw new SourceException(label(sources, i) + ": values file '" + file + "' names $" + name
                            + ", a Helm chart source; a ref source must be a Git repository, as in Argo CD");
                }
            }
        }
    }

    /** How a source is named in messages: {@code source 2 of 3 (name or repository)}. */
    static String label(List<ApplicationSource> sources, int i) {
        ApplicationSource source = sources.get(i);
        return "source " + (i + 1) + " of " + sources.size() + " (" + (source.name().isEmpty()
                ? Redaction.url(source.repoURL()) + (source.chart().isEmpty() ? "" : " chart " + source.chart())
                        + (source.path().isEmpty() ? "" : " path " + source.path())
                : source.name()) + ")";
    }
}
