package io.gitops4j.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An Argo CD {@code argoproj.io/v1alpha1} ApplicationSet, as {@link ApplicationSets} reads it.
 * Generators and template stay JSON trees: they are templates themselves, rendered per
 * parameter set by {@link ApplicationSetGenerator}.
 *
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace} (generated Applications go there), or empty
 * @param uid {@code metadata.uid} (written into the owner reference), or empty
 * @param generators {@code spec.generators}, each an object with one generator key
 * @param template {@code spec.template} ({@code metadata} and {@code spec} of the Applications)
 * @param templatePatch {@code spec.templatePatch}, a template of a strategic merge patch
 * @param goTemplate {@code spec.goTemplate}
 * @param goTemplateOptions {@code spec.goTemplateOptions} ({@code missingkey=error})
 * @param syncPolicy {@code spec.syncPolicy}
 * @param strategy {@code spec.strategy} as written (progressive syncs, for the engine), or a missing node
 * @param source where it was read from, for messages
 */
public record ApplicationSet(String name, String namespace, String uid, List<JsonNode> generators, ObjectNode template,
        Optional<String> templatePatch, boolean goTemplate, List<String> goTemplateOptions,
        ApplicationSetSyncPolicy syncPolicy, JsonNode strategy, String source) {

    /**
     * Requires the name; copies the generators and the template, and fills what is missing: no namespace or
     * uid, no template patch or options, {@link ApplicationSetSyncPolicy#DEFAULTS}, no strategy.
     *
     * @param name {@code metadata.name}
     * @param namespace {@code metadata.namespace} (generated Applications go there), or empty
     * @param uid {@code metadata.uid} (written into the owner reference), or empty
     * @param generators {@code spec.generators}, each an object with one generator key
     * @param template {@code spec.template} ({@code metadata} and {@code spec} of the Applications)
     * @param templatePatch {@code spec.templatePatch}, a template of a strategic merge patch
     * @param goTemplate {@code spec.goTemplate}
     * @param goTemplateOptions {@code spec.goTemplateOptions} ({@code missingkey=error})
     * @param syncPolicy {@code spec.syncPolicy}
     * @param strategy {@code spec.strategy} as written (progressive syncs, for the engine), or a missing
     *     node
     * @param source where it was read from, for messages
     */
    public ApplicationSet {
        Objects.requireNonNull(name, "name");
        namespace = namespace == null ? "" : namespace;
        uid = uid == null ? "" : uid;
        generators = List.copyOf(generators);
        template = template.deepCopy();
        templatePatch = templatePatch == null ? Optional.empty() : templatePatch;
        goTemplateOptions = goTemplateOptions == null ? List.of() : List.copyOf(goTemplateOptions);
        syncPolicy = syncPolicy == null ? ApplicationSetSyncPolicy.DEFAULTS : syncPolicy;
        strategy = strategy == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : strategy.deepCopy();
        source = source == null ? "" : source;
    }

    /** {@return the template ({@code spec.template}), a copy} */
    @Override
    public ObjectNode template() {
        return template.deepCopy();
    }

    /** {@return {@code namespace/name}, or the name when it has no namespace} */
    public String qualifiedName() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
