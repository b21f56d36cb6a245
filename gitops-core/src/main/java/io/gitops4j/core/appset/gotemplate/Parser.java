package io.gitops4j.core.appset.gotemplate;

import io.gitops4j.core.appset.gotemplate.Lexer.Kind;
import io.gitops4j.core.appset.gotemplate.Lexer.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Builds the parse tree of a Go template from the lexer's tokens, with {@code text/template}'s
 * checks at parse time: unknown functions, undefined variables, {@code break} outside
 * {@code range}, unbalanced {@code end} / {@code else}.
 */
final class Parser {

    private static final int MAX_NESTING = 100;

    private final String input;
    private final String name;
    private final List<Token> tokens;
    private final Set<String> functions;
    private final Deque<List<String>> scopes = new ArrayDeque<>();
    private int index;
    private int rangeDepth;
    private int nesting;

    private Parser(String input, String name, Set<String> functions) {
        this.input = input;
        this.name = name;
        this.tokens = Lexer.lex(input, name);
        this.functions = functions;
    }

    static Node.Block parse(String input, String name, Set<String> functions) {
        Parser parser = new Parser(input, name, functions);
        parser.scopes.push(new ArrayList<>(List.of("$")));
        Node.Block root = parser.list(Set.of());
        return root;
    }

    /** Parses nodes until EOF, or until one of the keywords (left for the caller to read). */
    private Node.Block list(Set<String> terminators) {
        List<Node> nodes = new ArrayList<>();
        while (true) {
            Token token = peek();
            if (token.kind() == Kind.EOF) {
                if (!terminators.isEmpty()) {
                    throw error(token, "unexpected EOF");
                }
                return new Node.Block(nodes);
            }
            if (token.kind() == Kind.TEXT) {
                nodes.add(new Node.Text(next().text()));
                continue;
            }
            Token left = expect(Kind.LEFT, "action");
            Token keyword = peek();
            if (keyword.kind() == Kind.IDENT && terminators.contains(keyword.text())) {
                index--; // leave {{ for the caller
                return new Node.Block(nodes);
            }
            nodes.add(action(left));
        }
    }

    private Node action(Token left) {
        Token first = peek();
        if (first.kind() == Kind.IDENT) {
            switch (first.text()) {
                case "if", "with", "range":
                    next();
                    return control(first);
                case "end", "else":
                    throw error(first, "unexpected {{" + first.text() + "}}");
                case "break", "continue":
                    next();
                    if (rangeDepth == 0) {
                        throw error(first, "{{" + first.text() + "}} outside {{range}}");
                    }
                    expect(Kind.RIGHT, first.text());
                    return new Node.Jump(first.offset(), first.text().equals("break"));
                case "define", "template", "block":
                    throw error(first, "{{" + first.text() + "}} is not supported in ApplicationSet templates");
                default:
                    break;
            }
        }
        Node.Pipeline pipeline = pipeline("command", false);
        expect(Kind.RIGHT, "command");
        return new Node.Action(left.offset(), pipeline);
    }

    private Node control(Token keyword) {
        if (++nesting > MAX_NESTING) {
            throw error(keyword, "control structures nested deeper than " + MAX_NESTING);
        }
        scopes.push(new ArrayList<>());
        boolean isRange = keyword.text().equals("range");
        Node.Pipeline pipeline = pipeline(keyword.text(), isRange);
        expect(Kind.RIGHT, keyword.text());
        if (isRange) {
            rangeDepth++;
        }
        Node.Block then = list(Set.of("end", "else"));
        if (isRange) {
            rangeDepth--;
        }
        Node.Block otherwise = new Node.Block(List.of());
        expect(Kind.LEFT, keyword.text());
        Token word = next();
        if (word.text().equals("else")) {
            Token after = peek();
            if (after.kind() == Kind.IDENT && (after.text().equals("if") || after.text().equals("with"))
                    && !isRange) {
                // {{else if x}} is {{else}}{{if x}}...{{end}}{{end}}, sharing the one {{end}}
                next();
                otherwise = new Node.Block(List.of(control(after)));
                scopes.pop();
                nesting--;
                return new Node.Control(keyword.offset(), keyword.text(), pipeline, then, otherwise);
            }
            expect(Kind.RIGHT, "else");
            otherwise = list(Set.of("end"));
            expect(Kind.LEFT, "end");
            next();
        }
        expect(Kind.RIGHT, "end");
        scopes.pop();
        nesting--;
        return new Node.Control(keyword.offset(), keyword.text(), pipeline, then, otherwise);
    }

    private Node.Pipeline pipeline(String context, boolean allowTwoVariables) {
        int start = peek().offset();
        List<String> variables = new ArrayList<>();
        boolean assign = false;
        if (peek().kind() == Kind.VARIABLE) {
            int mark = index;
            Token variable = next();
            if (peek().kind() == Kind.DECLARE || peek().kind() == Kind.ASSIGN) {
                assign = next().kind() == Kind.ASSIGN;
                variables.add(variable.text());
            } else if (peek().kind() == Kind.COMMA && allowTwoVariables) {
                next();
                Token second = expect(Kind.VARIABLE, "range");
                Token declare = next();
                if (declare.kind() != Kind.DECLARE && declare.kind() != Kind.ASSIGN) {
                    throw error(declare, "expected := in range");
                }
                assign = declare.kind() == Kind.ASSIGN;
                variables.add(variable.text());
                variables.add(second.text());
            } else {
                index = mark;
            }
        }
        if (assign) {
            for (String variable : variables) {
                checkDeclared(variable, tokens.get(index - 1));
            }
        }
        List<Node.Command> commands = new ArrayList<>();
        while (true) {
            Token token = peek();
            if (token.kind() == Kind.RIGHT || token.kind() == Kind.RPAREN) {
                break;
            }
            commands.add(command());
            if (peek().kind() == Kind.PIPE) {
                next();
                if (peek().kind() == Kind.RIGHT || peek().kind() == Kind.RPAREN) {
                    throw error(peek(), "missing command after |");
                }
            }
        }
        if (commands.isEmpty()) {
            throw error(peek(), "missing value for " + context);
        }
        if (!assign) {
            scopes.peek().addAll(variables);
        }
        return new Node.Pipeline(start, input.substring(start, peek().offset()).strip(), variables, assign, commands);
    }

    private Node.Command command() {
        int start = peek().offset();
        List<Node.Arg> args = new ArrayList<>();
        while (true) {
            Token token = peek();
            if (token.kind() == Kind.RIGHT || token.kind() == Kind.RPAREN || token.kind() == Kind.PIPE) {
                break;
            }
            if (!args.isEmpty() && !token.spaceBefore() && token.kind() != Kind.LPAREN) {
                throw error(token, "missing space before " + token.text());
            }
            args.add(operand());
        }
        if (args.isEmpty()) {
            throw error(peek(), "missing command");
        }
        return new Node.Command(start, input.substring(start, peek().offset()).strip(), args);
    }

    private Node.Arg operand() {
        Token token = next();
        Node.Arg term = switch (token.kind()) {
            case IDENT -> {
                if (!functions.contains(token.text())) {
                    throw error(token, "function \"" + token.text() + "\" not defined");
                }
                yield new Node.Identifier(token.text(), token.text());
            }
            case DOT -> new Node.Dot(".");
            case NIL -> new Node.Nil("nil");
            case BOOL -> new Node.Constant(token.text(), Boolean.parseBoolean(token.text()));
            case NUMBER -> new Node.Constant(token.text(), Literals.number(token.text(), () -> error(token,
                    "bad number syntax: " + token.text())));
            case STRING -> new Node.Constant(token.text(), Literals.unquote(token.text(), () -> error(token,
                    "bad string syntax: " + token.text())));
            case CHAR -> new Node.Constant(token.text(), Literals.character(token.text(), () -> error(token,
                    "bad character syntax: " + token.text())));
            case FIELD -> new Node.Field(token.text(), token.offset(), List.of(token.text().substring(1)));
            case VARIABLE -> {
                checkDeclared(token.text(), token);
                yield new Node.Variable(token.text(), token.offset(), token.text(), List.of());
            }
            case LPAREN -> {
                Node.Pipeline inner = pipeline("parenthesized pipeline", false);
                expect(Kind.RPAREN, "parenthesized pipeline");
                yield new Node.Chain("(" + inner.text() + ")", token.offset(), inner, List.of());
            }
            default -> throw error(token, "unexpected " + describe(token) + " in operand");
        };
        if (peek().kind() != Kind.FIELD || peek().spaceBefore()) {
            return term;
        }
        List<String> names = new ArrayList<>();
        StringBuilder text = new StringBuilder(term.text());
        int offset = peek().offset();
        while (peek().kind() == Kind.FIELD && !peek().spaceBefore()) {
            Token field = next();
            offset = field.offset();
            names.add(field.text().substring(1));
            text.append(field.text());
        }
        if (term instanceof Node.Field f) {
            return new Node.Field(text.toString(), offset, concat(f.names(), names));
        }
        if (term instanceof Node.Variable v) {
            return new Node.Variable(text.toString(), offset, v.name(), names);
        }
        if (term instanceof Node.Chain c) {
            return new Node.Chain(text.toString(), offset, c.pipeline(), names);
        }
        throw error(token, "unexpected . after term " + term.text());
    }

    private void checkDeclared(String variable, Token token) {
        for (List<String> scope : scopes) {
            if (scope.contains(variable)) {
                return;
            }
        }
        throw error(token, "undefined variable \"" + variable + "\"");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != Kind.EOF) {
            index++;
        }
        return token;
    }

    private Token expect(Kind kind, String context) {
        Token token = next();
        if (token.kind() != kind) {
            throw error(token, "unexpected " + describe(token) + " in " + context);
        }
        return token;
    }

    private static String describe(Token token) {
        return switch (token.kind()) {
            case EOF -> "EOF";
            case RIGHT -> "\"}}\"";
            case LEFT -> "\"{{\"";
            default -> "<" + token.text() + ">";
        };
    }

    private TemplateException error(Token token, String message) {
        return new TemplateException("template: " + name + ":" + Lexer.line(input, token.offset()) + ": " + message);
    }
}
