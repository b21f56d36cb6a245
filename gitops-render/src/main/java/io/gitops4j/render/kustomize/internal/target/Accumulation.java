package io.gitops4j.render.kustomize.internal.target;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.render.kustomize.internal.replace.Vars;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import io.gitops4j.render.kustomize.internal.resource.TransformerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What a kustomization and everything below it produced so far: resources, the transformer
 * configuration in force, and declared {@code vars}.
 */
public final class Accumulation {

    private final ResMap resources = new ResMap();
    private final TransformerConfig config;
    private final List<JsonNode> vars = new ArrayList<>();

    Accumulation(TransformerConfig config) {
        this.config = config;
    }

    public ResMap resources() {
        return resources;
    }

    public TransformerConfig config() {
        return config;
    }

    /** The declared vars, each a {@code name, objref, fieldref} tree. */
    public List<JsonNode> vars() {
        return vars;
    }

    /**
     * Declares a kustomization's vars and binds each to the one object of this accumulation its
     * {@code objref} names (by any of its ids); more than one is an error, none leaves it unbound
     * (an error later, when a value is wanted). A name declared twice is an error.
     */
    void declareVars(Iterable<JsonNode> declared) {
        for (JsonNode var : declared) {
            List<Resource> matches = Vars.objects(resources, var);
            if (matches.size() > 1) {
                throw new IllegalArgumentException("found " + matches.size() + " resId matches for var "
                        + var.path("name").asText() + " (unable to disambiguate)");
            }
            matches.forEach(object -> object.bindVar(var.path("name").asText()));
        }
        addVars(declared);
    }

    private void addVars(Iterable<JsonNode> declared) {
        for (JsonNode var : declared) {
            String name = var.path("name").asText();
            if (vars.stream().anyMatch(v -> v.path("name").asText().equals(name))) {
                throw new IllegalArgumentException("var '" + name + "' already encountered");
            }
            vars.add(var);
        }
    }

    /** Takes in a sub-kustomization's result. */
    void absorbChild(Accumulation child) {
        resources.appendAll(child.resources);
        addVars(child.vars);
        config.merge(child.config);
    }
}
