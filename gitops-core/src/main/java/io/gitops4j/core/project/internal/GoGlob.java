package io.gitops4j.core.project.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A glob as Argo CD matches project patterns (its {@code util/glob}, on {@code github.com/gobwas/glob}):
 * {@code *} any run of characters but the separators, {@code **} any run at all, {@code ?} one
 * character but a separator, {@code [abc]}, {@code [!abc]}, {@code [a-z]}, {@code [!a-z]} one
 * character of (or not of) a list or one range, {@code {a,b*}} alternatives (which may nest),
 * a backslash quoting the next character. The same quirks: a comma or a closing brace outside
 * braces is a plain character, an unclosed opening brace closes at the end, a class is either one range or a
 * list ({@code [a-z0-9]} is refused, {@code [abc-d]} is the list {@code a b c - d}).
 *
 * <p>Immutable once compiled; matching is linear in the text ({@link Nfa}).
 */
public final class GoGlob {

    private final String pattern;
    private final Nfa nfa;
    private final int start;

    private GoGlob(String pattern, Nfa nfa, int start) {
        this.pattern = pattern;
        this.nfa = nfa;
        this.start = start;
    }

    /**
     * Compiles a pattern; {@code separators} are the characters {@code *} and {@code ?} do not
     * cross ({@code '/'} for repository URLs, none elsewhere).
     *
     * @throws GlobSyntaxException with gobwas/glob's reason when the pattern is malformed
     */
    public static GoGlob compile(String pattern, int... separators) {
        List<Object> tree = new GlobParser(GlobLexer.lex(pattern)).parse();
        Nfa nfa = new Nfa();
        int start = compileSequence(nfa, tree, nfa.match(), separators.clone());
        return new GoGlob(pattern, nfa, start);
    }

    /** The compiled glob, or empty when the pattern is malformed. */
    public static Optional<GoGlob> tryCompile(String pattern, int... separators) {
        try {
            return Optional.of(compile(pattern, separators));
        } catch (GlobSyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * Argo CD's {@code glob.Match}: whether {@code text} matches; a malformed pattern matches
     * nothing.
     */
    public static boolean match(String pattern, String text, int... separators) {
        return tryCompile(pattern, separators).map(g -> g.matches(text)).orElse(false);
    }

    /** Whether the whole of {@code text} matches. */
    public boolean matches(String text) {
        return nfa.matches(start, text);
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static int compileSequence(Nfa nfa, List<Object> nodes, int next, int[] separators) {
        int out = next;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            out = compileNode(nfa, nodes.get(i), out, separators);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static int compileNode(Nfa nfa, Object node, int next, int[] separators) {
        if (node instanceof GlobParser.Text text) {
            int out = next;
            int[] codePoints = text.value().codePoints().toArray();
            for (int i = codePoints.length - 1; i >= 0; i--) {
                int expected = codePoints[i];
                out = nfa.one(c -> c == expected, out);
            }
            return out;
        }
        if (node instanceof GlobParser.Wildcard wildcard) {
            return switch (wildcard.kind()) {
                case ANY -> nfa.loop(c -> !contains(separators, c), next);
                case SUPER -> nfa.loop(c -> true, next);
                case SINGLE -> nfa.one(c -> !contains(separators, c), next);
            };
        }
        if (node instanceof GlobParser.CharRange range) {
            return nfa.one(c -> (c >= range.lo() && c <= range.hi()) != range.not(), next);
        }
        if (node instanceof GlobParser.CharList list) {
            return nfa.one(c -> contains(list.chars(), c) != list.not(), next);
        }
        List<List<Object>> branches = ((GlobParser.Alternatives) node).branches();
        int[] outs = new int[branches.size()];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = compileSequence(nfa, branches.get(i), next, separators);
        }
        return nfa.split(outs);
    }

    private static boolean contains(int[] codePoints, int c) {
        for (int candidate : codePoints) {
            if (candidate == c) {
                return true;
            }
        }
        return false;
    }

    /** Lists of nodes, built as gobwas/glob's parser builds its tree. */
    static final class GlobParser {

        enum WildcardKind { ANY, SUPER, SINGLE }

        record Text(String value) {
        }

        record Wildcard(WildcardKind kind) {
        }

        record CharRange(int lo, int hi, boolean not) {
        }

        record CharList(int[] chars, boolean not) {
        }

        record Alternatives(List<List<Object>> branches) {
        }

        private final List<GlobLexer.Token> tokens;
        private int position;

        GlobParser(List<GlobLexer.Token> tokens) {
            this.tokens = tokens;
        }

        List<Object> parse() {
            List<Object> root = new ArrayList<>();
            List<Object> current = root;
            // each open brace: the alternatives node and the branch list that holds it
            List<Alternatives> openAlternatives = new ArrayList<>();
            List<List<Object>> parents = new ArrayList<>();
            while (true) {
                GlobLexer.Token token = tokens.get(position++);
                switch (token.type()) {
                    case EOF:
                        return root;
                    case TEXT:
                        current.add(new Text(token.text()));
                        break;
                    case ANY:
                        current.add(new Wildcard(WildcardKind.ANY));
                        break;
                    case SUPER:
                        current.add(new Wildcard(WildcardKind.SUPER));
                        break;
                    case SINGLE:
                        current.add(new Wildcard(WildcardKind.SINGLE));
                        break;
                    case RANGE_OPEN:
                        current.add(parseRange());
                        break;
                    case TERMS_OPEN: {
                        Alternatives alternatives = new Alternatives(new ArrayList<>());
                        current.add(alternatives);
                        parents.add(current);
                        openAlternatives.add(alternatives);
                        current = new ArrayList<>();
                        alternatives.branches().add(current);
                        break;
                    }
                    case SEPARATOR:
                        current = new ArrayList<>();
                        openAlternatives.get(openAlternatives.size() - 1).branches().add(current);
                        break;
                    case TERMS_CLOSE:
                        openAlternatives.remove(openAlternatives.size() - 1);
                        current = parents.remove(parents.size() - 1);
                        break;
                    default:
                        throw new GlobSyntaxException("unexpected token: " + token.type());
                }
            }
        }

        private Object parseRange() {
            boolean not = false;
            int lo = 0;
            int hi = 0;
            String chars = "";
            while (true) {
                GlobLexer.Token token = tokens.get(position++);
                switch (token.type()) {
                    case EOF -> throw new GlobSyntaxException("unexpected end");
                    case NOT -> not = true;
                    case RANGE_LO -> lo = token.text().codePointAt(0);
                    case RANGE_BETWEEN -> {
                        // nothing: the bounds carry the range
                    }
                    case RANGE_HI -> {
                        hi = token.text().codePointAt(0);
                        if (hi < lo) {
                            throw new GlobSyntaxException("hi character '" + token.text() + "' should be greater than lo '"
                                    + new String(Character.toChars(lo)) + "'");
                        }
                    }
                    case TEXT -> chars = token.text();
                    case RANGE_CLOSE -> {
                        boolean isRange = lo != 0 && hi != 0;
                        boolean isChars = !chars.isEmpty();
                        if (isRange == isChars) {
                            throw new GlobSyntaxException("could not parse range");
                        }
                        return isRange ? new CharRange(lo, hi, not) : new CharList(chars.codePoints().toArray(), not);
                    }
                    default -> throw new GlobSyntaxException("unexpected token in range: " + token.type());
                }
            }
        }
    }
}
