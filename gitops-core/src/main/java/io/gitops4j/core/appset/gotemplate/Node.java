package io.gitops4j.core.appset.gotemplate;

import java.util.List;

/** The parse tree of a Go template, as {@code text/template/parse} builds it. */
sealed interface Node {

    /** Literal text, printed as is. */
    record Text(String text) implements Node {
    }

    /** A sequence of nodes. */
    record Block(List<Node> nodes) implements Node {
    }

    /** {@code {{pipeline}}}: prints the value unless the pipeline declares variables. */
    record Action(int offset, Pipeline pipeline) implements Node {
    }

    /** {@code if}, {@code with} (the dot moves to the value) and {@code range}. */
    record Control(int offset, String keyword, Pipeline pipeline, Block then, Block otherwise) implements Node {
    }

    /** {@code {{break}}} or {@code {{continue}}} inside a range. */
    record Jump(int offset, boolean isBreak) implements Node {
    }

    /**
     * Commands chained by {@code |}, optionally declaring ({@code :=}) or assigning
     * ({@code =}) variables.
     */
    record Pipeline(int offset, String text, List<String> variables, boolean assign, List<Command> commands) {
    }

    /** One command of a pipeline: an operand or a function followed by arguments. */
    record Command(int offset, String text, List<Arg> args) {
    }

    /** An argument of a command. */
    sealed interface Arg {
        /** The source text, quoted in errors ({@code at <.data.test>}). */
        String text();
    }

    /** {@code .} */
    record Dot(String text) implements Arg {
    }

    /** {@code nil} */
    record Nil(String text) implements Arg {
    }

    /** A string, number, boolean or character constant. */
    record Constant(String text, Object value) implements Arg {
    }

    /** {@code .a.b}: fields of the dot. */
    record Field(String text, int offset, List<String> names) implements Arg {
    }

    /** {@code $x.a.b}: a variable and, optionally, fields of it. */
    record Variable(String text, int offset, String name, List<String> names) implements Arg {
    }

    /** A function name. */
    record Identifier(String text, String name) implements Arg {
    }

    /** {@code (pipeline).a.b}: a parenthesized pipeline and, optionally, fields of its value. */
    record Chain(String text, int offset, Pipeline pipeline, List<String> names) implements Arg {
    }
}
