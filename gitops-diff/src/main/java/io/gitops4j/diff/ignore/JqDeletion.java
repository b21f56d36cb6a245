package io.gitops4j.diff.ignore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/** A jq path expression whose matches are deleted ({@code del(<expression>)}), through jackson-jq. */
final class JqDeletion {

    private static final Scope ROOT = rootScope();

    private final JsonQuery query;

    private JqDeletion(JsonQuery query) {
        this.query = query;
    }

    static JqDeletion compile(String expression, IgnoreRule rule) {
        try {
            return new JqDeletion(JsonQuery.compile("del(" + expression + ")", Versions.JQ_1_6));
        } catch (JsonQueryException e) {
            throw new IgnoreRuleException(rule.describe() + ": invalid jq path expression '" + expression + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * The object without the expression's matches; unchanged when they match nothing, or when
     * the path does not apply to this object (iterating a field it lacks), as in Argo CD.
     */
    ObjectNode apply(ObjectNode object) {
        List<JsonNode> out = new ArrayList<>(1);
        try {
            query.apply(Scope.newChildScope(ROOT), object, out::add);
        } catch (JsonQueryException e) {
            return object;
        }
        return out.size() == 1 && out.get(0) instanceof ObjectNode result ? result : object;
    }

    private static Scope rootScope() {
        Scope scope = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
        return scope;
    }
}
