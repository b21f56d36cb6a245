package io.gitops4j.render.kustomize.internal.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One object in a build, with what Kustomize remembers about it: the ids it had before
 * transformers renamed it (so references to an old name can follow it), whether it needs a
 * content-hash suffix, and how a generator wants it combined with an existing object.
 *
 * <p>Mutable on purpose: a build owns its resources and transforms them in place; the renderer
 * hands out copies.
 */
public final class Resource {

    private ObjectNode object;
    private final List<ResId> previousIds = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();
    private final List<String> varNames = new ArrayList<>();
    private final List<Origin> transformations = new ArrayList<>();
    private boolean needsHashSuffix;
    private Behavior behavior = Behavior.CREATE;
    private Origin origin;

    /** How a generated object combines with an object of the same id that is already there. */
    public enum Behavior {
        CREATE, MERGE, REPLACE;

        /** Parses the kustomization's {@code behavior} value; like Kustomize, anything unknown means create. */
        public static Behavior parse(String value) {
            return switch (value) {
                case "merge" -> MERGE;
                case "replace" -> REPLACE;
                default -> CREATE;
            };
        }
    }

    public Resource(ObjectNode object, Origin origin) {
        this.object = object;
        this.origin = origin;
    }

    /** The object itself; transformers edit it in place. */
    public ObjectNode object() {
        return object;
    }

    /** Replaces the whole object (a patch result), remembering the old id when it changed. */
    public void replaceObject(ObjectNode newObject) {
        ResId before = currentId();
        this.object = newObject;
        if (!before.equals(currentId())) {
            previousIds.add(before);
        }
    }

    public ResId currentId() {
        return ResId.of(object);
    }

    /** The id it had when it entered the build. */
    public ResId originalId() {
        return previousIds.isEmpty() ? currentId() : previousIds.get(0);
    }

    /** Every earlier id, oldest first; empty when it was never renamed. */
    public List<ResId> previousIds() {
        return previousIds;
    }

    /** The current id and all earlier ones. */
    public List<ResId> allIds() {
        List<ResId> all = new ArrayList<>(previousIds);
        all.add(currentId());
        return all;
    }

    /** Records the current id before a transformer renames or moves the object. */
    public void rememberCurrentId() {
        ResId id = currentId();
        if (previousIds.isEmpty() || !previousIds.get(previousIds.size() - 1).equals(id)) {
            previousIds.add(id);
        }
    }

    public void copyHistoryFrom(Resource other) {
        previousIds.clear();
        previousIds.addAll(other.previousIds);
        prefixes.clear();
        prefixes.addAll(other.prefixes);
        suffixes.clear();
        suffixes.addAll(other.suffixes);
        varNames.clear();
        varNames.addAll(other.varNames);
    }

    /**
     * The vars bound to this object: a var takes its value from the object its kustomization's
     * {@code objref} named when that kustomization was built, whatever the object is called later.
     */
    public List<String> varNames() {
        return List.copyOf(varNames);
    }

    /** The transformers that ran over this object, in order (for {@code transformerAnnotations}). */
    public List<Origin> transformations() {
        return List.copyOf(transformations);
    }

    /** Records that the transformer configured at {@code transformer} ran over this object. */
    public void addTransformation(Origin transformer) {
        transformations.add(transformer);
    }

    /** Binds the var {@code name} to this object. */
    public void bindVar(String name) {
        varNames.add(name);
    }

    /** Records a name prefix and suffix given to it (either may be empty). */
    public void addAffixes(String prefix, String suffix) {
        if (!prefix.isEmpty()) {
            prefixes.add(prefix);
        }
        if (!suffix.isEmpty()) {
            suffixes.add(suffix);
        }
    }

    /**
     * Whether both were given the same name prefixes and suffixes, the shorter history ending like
     * the longer: how Kustomize tells apart equally named objects of different bases.
     */
    public boolean sameAffixesAs(Resource other) {
        return sameEnding(prefixes, other.prefixes) && sameEnding(suffixes, other.suffixes);
    }

    /**
     * Whether the name prefixes and suffixes end the same way, a list that is empty on either
     * side matching anything (Kustomize's first, lenient comparison of referral candidates).
     */
    public boolean compatibleAffixesWith(Resource other) {
        return (prefixes.isEmpty() || other.prefixes.isEmpty() || sameEnding(prefixes, other.prefixes))
                && (suffixes.isEmpty() || other.suffixes.isEmpty() || sameEnding(suffixes, other.suffixes));
    }

    private static boolean sameEnding(List<String> a, List<String> b) {
        List<String> shorter = a.size() <= b.size() ? a : b;
        List<String> longer = shorter == a ? b : a;
        if (shorter.isEmpty()) {
            return longer.isEmpty();
        }
        return longer.subList(longer.size() - shorter.size(), longer.size()).equals(shorter);
    }

    public String name() {
        return object.path("metadata").path("name").asText("");
    }

    public String namespace() {
        return object.path("metadata").path("namespace").asText("");
    }

    public String kind() {
        return object.path("kind").asText("");
    }

    public boolean needsHashSuffix() {
        return needsHashSuffix;
    }

    public void needsHashSuffix(boolean value) {
        this.needsHashSuffix = value;
    }

    public Behavior behavior() {
        return behavior;
    }

    public void behavior(Behavior value) {
        this.behavior = value;
    }

    /** Where it came from, for the {@code originAnnotations} build option. */
    public Origin origin() {
        return origin;
    }

    public void origin(Origin value) {
        this.origin = value;
    }

    @Override
    public String toString() {
        return currentId().toString();
    }
}
