package io.gitops4j.core.notifications;

import java.util.List;

/** A parsed trigger condition: the subset of the expr language Argo CD's catalog uses. */
sealed interface ExprNode {

    /** {@code nil}, {@code true}, a number or a string. */
    record Literal(Object value) implements ExprNode {
    }

    /** A top-level name: {@code app} or {@code time}. */
    record Name(String name) implements ExprNode {
    }

    /** {@code target.name} or, when {@code optional}, {@code target?.name}. */
    record Member(ExprNode target, String name, boolean optional) implements ExprNode {
    }

    /** {@code target.method(arguments)}. */
    record Call(ExprNode target, String method, List<ExprNode> arguments) implements ExprNode {
    }

    /** {@code [a, b]}. */
    record ArrayLiteral(List<ExprNode> items) implements ExprNode {
    }

    /** {@code !x} or {@code not x}, and {@code -x}. */
    record Unary(String operator, ExprNode operand) implements ExprNode {
    }

    /** {@code a op b} for {@code and or == != < <= > >= in + - *}. */
    record Binary(String operator, ExprNode left, ExprNode right) implements ExprNode {
    }
}
