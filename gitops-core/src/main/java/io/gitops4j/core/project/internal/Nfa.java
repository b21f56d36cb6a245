package io.gitops4j.core.project.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A small non-deterministic automaton over code points, the engine under {@link GoGlob} and
 * {@link GoFilepathPattern}: matching a text takes time proportional to the text times the
 * pattern, never exponential, whatever the pattern (a hostile {@code *a*a*a*a*b} included).
 * Built once by a compiler, then only read.
 */
final class Nfa {

    private enum Kind { MATCH, ONE, LOOP, SPLIT }

    private record State(Kind kind, IntPredicate accepts, int out, int[] outs) {
    }

    private final List<State> states = new ArrayList<>();
    private final int match;

    Nfa() {
        match = add(new State(Kind.MATCH, c -> false, -1, new int[0]));
    }

    /** The accepting state. */
    int match() {
        return match;
    }

    /** A state that consumes one code point {@code accepts} takes, then goes to {@code out}. */
    int one(IntPredicate accepts, int out) {
        return add(new State(Kind.ONE, accepts, out, new int[0]));
    }

    /** A state that consumes any number of code points {@code accepts} takes, then goes to {@code out}. */
    int loop(IntPredicate accepts, int out) {
        return add(new State(Kind.LOOP, accepts, out, new int[0]));
    }

    /** A state that goes to every one of {@code outs} without consuming. */
    int split(int[] outs) {
        return add(new State(Kind.SPLIT, c -> false, -1, outs.clone()));
    }

    /** Whether the whole of {@code text} leads from {@code start} to the accepting state. */
    boolean matches(int start, String text) {
        BitSet current = new BitSet(states.size());
        close(start, current);
        for (int i = 0; i < text.length() && !current.isEmpty(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            BitSet next = new BitSet(states.size());
            for (int s = current.nextSetBit(0); s >= 0; s = current.nextSetBit(s + 1)) {
                State state = states.get(s);
                if (state.kind() == Kind.ONE && state.accepts().test(c)) {
                    close(state.out(), next);
                } else if (state.kind() == Kind.LOOP && state.accepts().test(c)) {
                    close(s, next);
                }
            }
            current = next;
        }
        return current.get(match);
    }

    private void close(int start, BitSet set) {
        java.util.ArrayDeque<Integer> pending = new java.util.ArrayDeque<>();
        pending.push(start);
        while (!pending.isEmpty()) {
            int s = pending.pop();
            if (set.get(s)) {
                continue;
            }
            set.set(s);
            State state = states.get(s);
            if (state.kind() == Kind.SPLIT) {
                for (int out : state.outs()) {
                    pending.push(out);
                }
            } else if (state.kind() == Kind.LOOP) {
                pending.push(state.out());
            }
        }
    }

    private int add(State state) {
        states.add(state);
        return states.size() - 1;
    }
}
