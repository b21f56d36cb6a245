package io.gitops4j.core.appset.gotemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a parse tree over data with {@code text/template}'s semantics: fields of maps, variables
 * and their scopes, pipelines whose value becomes the last argument of the next command,
 * short-circuit {@code and} / {@code or}, {@code missingkey}, range over lists, maps (sorted
 * keys) and integers. Bounded: the output's length and the number of steps.
 */
final class Executor {

    private enum Flow { NORMAL, BREAK, CONTINUE }

    private final String name;
    private final String input;
    private final Map<String, TemplateFunction> functions;
    private final GoTemplate.Options options;
    private final StringBuilder out = new StringBuilder();
    private final List<String> variableNames = new ArrayList<>();
    private final List<Object> variableValues = new ArrayList<>();
    private long steps;

    Executor(String name, String input, Map<String, TemplateFunction> functions, GoTemplate.Options options) {
        this.name = name;
        this.input = input;
        this.functions = functions;
        this.options = options;
    }

    String execute(Node.Block root, Object data) {
        push("$", data);
        walk(data, root);
        return out.toString();
    }

    private Flow walk(Object dot, Node node) {
        step(node);
        if (node instanceof Node.Text text) {
            write(text.text());
        } else if (node instanceof Node.Block block) {
            for (Node child : block.nodes()) {
                Flow flow = walk(dot, child);
                if (flow != Flow.NORMAL) {
                    return flow;
                }
            }
        } else if (node instanceof Node.Action action) {
            // variables it declares live until the end of the enclosing control structure
            Object value = pipeline(dot, action.pipeline());
            if (action.pipeline().variables().isEmpty()) {
                write(Values.print(value));
            }
        } else if (node instanceof Node.Control control) {
            return control.keyword().equals("range") ? range(dot, control) : conditional(dot, control);
        } else if (node instanceof Node.Jump jump) {
            return jump.isBreak() ? Flow.BREAK : Flow.CONTINUE;
        }
        return Flow.NORMAL;
    }

    private Flow conditional(Object dot, Node.Control control) {
        int mark = variableNames.size();
        try {
            Object value = pipeline(dot, control.pipeline());
            if (Values.isTrue(value)) {
                return walk(control.keyword().equals("with") ? value : dot, control.then());
            }
            return walk(dot, control.otherwise());
        } finally {
            popTo(mark);
        }
    }

    private Flow range(Object dot, Node.Control control) {
        int mark = variableNames.size();
        try {
            Node.Pipeline pipe = control.pipeline();
            Object value = pipeline(dot, new Node.Pipeline(pipe.offset(), pipe.text(), List.of(), false, pipe.commands()));
            List<Object[]> items = items(value, control);
            if (items.isEmpty()) {
                return walk(dot, control.otherwise());
            }
            for (Object[] item : items) {
                int inner = variableNames.size();
                declareRangeVariables(pipe, item);
                Flow flow = walk(item[1], control.then());
                popTo(inner);
                if (flow == Flow.BREAK) {
                    break;
                }
            }
            return Flow.NORMAL;
        } finally {
            popTo(mark);
        }
    }

    private void declareRangeVariables(Node.Pipeline pipe, Object[] item) {
        List<String> names = pipe.variables();
        if (names.size() == 1) {
            set(names.get(0), item[1], pipe.assign());
        } else if (names.size() == 2) {
            set(names.get(0), item[0], pipe.assign());
            set(names.get(1), item[1], pipe.assign());
        }
    }

    /** (key, value) pairs of what a range walks over. */
    private List<Object[]> items(Object value, Node.Control control) {
        List<Object[]> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                items.add(new Object[] {(long) i, list.get(i)});
            }
        } else if (value instanceof Map<?, ?> map) {
            new TreeMap<>(map).forEach((k, v) -> items.add(new Object[] {k, v}));
        } else if (value instanceof Long n) {
            if (n > options.maxSteps()) {
                throw error(control.offset(), control.pipeline().text(), "range over " + n
                        + " exceeds the template's limit of " + options.maxSteps() + " steps");
            }
            for (long i = 0; i < n; i++) {
                items.add(new Object[] {i, i});
            }
        } else if (value != null && value != Values.NO_VALUE) {
            throw error(control.offset(), control.pipeline().text(), "range can't iterate over " + Values.print(value));
        }
        return items;
    }

    private Object pipeline(Object dot, Node.Pipeline pipe) {
        Object value = Values.NO_VALUE;
        boolean hasFinal = false;
        for (Node.Command command : pipe.commands()) {
            value = command(dot, command, value, hasFinal);
            hasFinal = true;
            if (value == null) {
                value = Values.NO_VALUE; // Go digs into interface{}: a nil becomes <no value>
            }
        }
        for (String variable : pipe.variables()) {
            set(variable, value, pipe.assign());
        }
        return value;
    }

    private Object command(Object dot, Node.Command command, Object last, boolean hasFinal) {
        step(command);
        Node.Arg first = command.args().get(0);
        List<Node.Arg> rest = command.args().subList(1, command.args().size());
        if (first instanceof Node.Identifier identifier) {
            return call(dot, identifier.name(), command, rest, last, hasFinal);
        }
        boolean hasArgs = !rest.isEmpty() || hasFinal;
        if (first instanceof Node.Field field) {
            return fields(field.offset(), field.text(), dot, field.names(), hasArgs);
        }
        if (first instanceof Node.Variable variable) {
            return fields(variable.offset(), variable.text(), variable(variable.name()), variable.names(), hasArgs);
        }
        if (first instanceof Node.Chain chain) {
            if (chain.names().isEmpty() && hasArgs) {
                throw error(command.offset(), command.text(), "can't give argument to non-function " + chain.text());
            }
            return fields(chain.offset(), chain.text(), pipeline(dot, chain.pipeline()), chain.names(), hasArgs);
        }
        if (hasArgs) {
            throw error(command.offset(), command.text(), "can't give argument to non-function " + first.text());
        }
        if (first instanceof Node.Nil) {
            throw error(command.offset(), command.text(), "nil is not a command");
        }
        return argument(dot, first);
    }

    private Object argument(Object dot, Node.Arg arg) {
        if (arg instanceof Node.Dot) {
            return dot;
        }
        if (arg instanceof Node.Nil) {
            return null;
        }
        if (arg instanceof Node.Constant constant) {
            return constant.value();
        }
        if (arg instanceof Node.Field field) {
            return fields(field.offset(), field.text(), dot, field.names(), false);
        }
        if (arg instanceof Node.Variable variable) {
            return fields(variable.offset(), variable.text(), variable(variable.name()), variable.names(), false);
        }
        if (arg instanceof Node.Chain chain) {
            return fields(chain.offset(), chain.text(), pipeline(dot, chain.pipeline()), chain.names(), false);
        }
        Node.Identifier identifier = (Node.Identifier) arg;
        return call(dot, identifier.name(), new Node.Command(0, identifier.text(), List.of(arg)), List.of(), null, false);
    }

    private Object fields(int offset, String text, Object receiver, List<String> names, boolean hasArgs) {
        Object value = receiver;
        for (int i = 0; i < names.size(); i++) {
            value = field(offset, text, value, names.get(i), hasArgs && i == names.size() - 1);
        }
        return value;
    }

    private Object field(int offset, String text, Object receiver, String fieldName, boolean hasArgs) {
        if (receiver == Values.NO_VALUE) {
            if (options.missingKeyError()) {
                throw error(offset, text, "nil data; no entry for key \"" + fieldName + "\"");
            }
            return Values.NO_VALUE;
        }
        if (receiver == null) {
            throw error(offset, text, "nil pointer evaluating interface {}." + fieldName);
        }
        if (receiver instanceof Map<?, ?> map) {
            if (hasArgs) {
                throw error(offset, text, fieldName + " is not a method but has arguments");
            }
            if (map.containsKey(fieldName)) {
                return map.get(fieldName);
            }
            if (options.missingKeyError()) {
                throw error(offset, text, "map has no entry for key \"" + fieldName + "\"");
            }
            return Values.NO_VALUE;
        }
        throw error(offset, text, "can't evaluate field " + fieldName + " in type interface {}");
    }

    private Object call(Object dot, String function, Node.Command command, List<Node.Arg> args, Object last,
            boolean hasFinal) {
        if (function.equals("and") || function.equals("or")) {
            return shortCircuit(dot, function, command, args, last, hasFinal);
        }
        List<Object> values = new ArrayList<>(args.size() + 1);
        for (Node.Arg arg : args) {
            values.add(argument(dot, arg));
        }
        if (hasFinal) {
            values.add(last);
        }
        try {
            return functions.get(function).apply(values);
        } catch (FunctionException e) {
            throw error(command.offset(), command.text(),
                    e.argumentError() ? e.getMessage() : "error calling " + function + ": " + e.getMessage());
        }
    }

    private Object shortCircuit(Object dot, String function, Node.Command command, List<Node.Arg> args, Object last,
            boolean hasFinal) {
        int count = args.size() + (hasFinal ? 1 : 0);
        if (count < 1) {
            throw error(command.offset(), command.text(), "wrong number of args for " + function
                    + ": want at least 1 got 0");
        }
        Object value = null;
        for (int i = 0; i < count; i++) {
            value = i < args.size() ? argument(dot, args.get(i)) : last;
            value = Args.any(value);
            if (Values.isTrue(value) == function.equals("or")) {
                return value;
            }
        }
        return value;
    }

    private void push(String variable, Object value) {
        variableNames.add(variable);
        variableValues.add(value);
    }

    private void pop() {
        variableNames.remove(variableNames.size() - 1);
        variableValues.remove(variableValues.size() - 1);
    }

    private void popTo(int mark) {
        while (variableNames.size() > mark) {
            pop();
        }
    }

    private void set(String variable, Object value, boolean assign) {
        if (assign) {
            for (int i = variableNames.size() - 1; i >= 0; i--) {
                if (variableNames.get(i).equals(variable)) {
                    variableValues.set(i, value);
                    return;
                }
            }
        }
        push(variable, value);
    }

    private Object variable(String variable) {
        for (int i = variableNames.size() - 1; i >= 0; i--) {
            if (variableNames.get(i).equals(variable)) {
                return variableValues.get(i);
            }
        }
        throw new TemplateException("template: " + name + ": undefined variable: " + variable);
    }

    private void write(String text) {
        if (out.length() + text.length() > options.maxOutput()) {
            throw new TemplateException("template: " + name + ": output exceeds the limit of "
                    + options.maxOutput() + " characters");
        }
        out.append(text);
    }

    private void step(Object node) {
        if (++steps > options.maxSteps()) {
            throw new TemplateException("template: " + name + ": execution exceeds the limit of "
                    + options.maxSteps() + " steps");
        }
    }

    private TemplateException error(int offset, String at, String message) {
        int lineStart = input.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        if (offset == 0) {
            lineStart = 0;
        }
        return new TemplateException("template: " + name + ":" + Lexer.line(input, offset) + ":" + (offset - lineStart)
                + ": executing \"" + name + "\" at <" + at + ">: " + message);
    }
}
