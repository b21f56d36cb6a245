package io.gitops4j.core.notifications;

import io.gitops4j.core.appset.gotemplate.TemplateData;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trigger condition ({@code when}) or {@code oncePer} expression of {@code argocd-notifications-cm},
 * in the subset of the expr language Argo CD's notification catalog uses: {@code app.status.sync.status
 * == 'Unknown'}, {@code phase in ['Error', 'Failed']}, {@code and / or / not / !}, {@code nil},
 * optional member access {@code ?.}, and {@code time.Now()}, {@code time.Parse(rfc3339)},
 * {@code .Add(d) .Sub(t) .Before(t) .After(t) .Equal(t)} and durations ({@code 5 * time.Minute})
 * with comparisons. Parsed once; immutable.
 */
public final class TriggerExpression {

    private static final Object TIME_PACKAGE = new Object();
    private static final Map<String, Duration> DURATIONS = Map.of(
            "Nanosecond", Duration.ofNanos(1), "Microsecond", Duration.ofNanos(1000), "Millisecond", Duration.ofMillis(1),
            "Second", Duration.ofSeconds(1), "Minute", Duration.ofMinutes(1), "Hour", Duration.ofHours(1));

    private final String text;
    private final String trigger;
    private final ExprNode root;

    private TriggerExpression(String text, String trigger, ExprNode root) {
        this.text = text;
        this.trigger = trigger;
        this.root = root;
    }

    /**
     * Parses an expression.
     *
     * @param text the expression, in Argo CD's expr language
     * @param trigger the trigger's name, for error messages
     * @return the parsed expression
     * @throws NotificationException naming the trigger and the column for anything unsupported
     */
    public static TriggerExpression parse(String text, String trigger) {
        return new TriggerExpression(text, trigger, ExprParser.parse(text.strip(), trigger));
    }

    /** {@return the expression as written} */
    public String text() {
        return text;
    }

    /**
     * Evaluates the expression over an Application.
     *
     * @param application the Application object
     * @param clock the clock of {@code time.Now()}
     * @return {@code null}, a Boolean, String, Long, Double, List, Map, Instant or Duration
     * @throws NotificationException naming the trigger when evaluation fails (member of nil, type mismatch)
     */
    public Object evaluate(JsonNode application, Clock clock) {
        return new Evaluation(TemplateData.fromJson(application), clock).eval(root);
    }

    /**
     * Evaluates the expression as a condition: true only for the Boolean {@code true}.
     *
     * @param application the Application object
     * @param clock the clock of {@code time.Now()}
     * @return {@code true} when the expression evaluates to the Boolean {@code true}
     */
    public boolean test(JsonNode application, Clock clock) {
        Object value = evaluate(application, clock);
        if (value instanceof Boolean b) {
            return b;
        }
        throw failure("the condition is " + describe(value) + ", not a boolean");
    }

    private NotificationException failure(String what) {
        return new NotificationException("trigger '" + trigger + "': condition '" + text + "': " + what);
    }

    private static String describe(Object value) {
        return value == null ? "nil" : value.getClass().getSimpleName() + " " + value;
    }

    private final class Evaluation {
        private final Object app;
        private final Clock clock;

        Evaluation(Object app, Clock clock) {
            this.app = app;
            this.clock = clock;
        }

        Object eval(ExprNode node) {
            if (node instanceof ExprNode.Literal literal) {
                return literal.value();
            }
            if (node instanceof ExprNode.Name name) {
                return name.name().equals("app") ? app : TIME_PACKAGE;
            }
            if (node instanceof ExprNode.Member member) {
                return member(eval(member.target()), member);
            }
            if (node instanceof ExprNode.Call call) {
                return call(call);
            }
            if (node instanceof ExprNode.ArrayLiteral array) {
                List<Object> items = new ArrayList<>();
                array.items().forEach(item -> items.add(eval(item)));
                return items;
            }
            if (node instanceof ExprNode.Unary unary) {
                return unary(unary);
            }
            return binary((ExprNode.Binary) node);
        }

        private Object member(Object target, ExprNode.Member member) {
            if (target == TIME_PACKAGE) {
                Duration unit = DURATIONS.get(member.name());
                if (unit == null) {
                    throw failure("unsupported time." + member.name());
                }
                return unit;
            }
            if (target == null) {
                if (member.optional()) {
                    return null;
                }
                throw failure("cannot fetch " + member.name() + " from nil (guard it with '!= nil and' or use '?.')");
            }
            if (target instanceof Map<?, ?> map) {
                return map.get(member.name());
            }
            throw failure("cannot fetch " + member.name() + " from " + describe(target));
        }

        private Object call(ExprNode.Call call) {
            Object target = eval(call.target());
            List<Object> args = new ArrayList<>();
            call.arguments().forEach(argument -> args.add(eval(argument)));
            String signature = call.method() + "/" + args.size();
            if (target == TIME_PACKAGE) {
                return switch (signature) {
                    case "Now/0" -> clock.instant();
                    case "Parse/1" -> parseTime(args.get(0));
                    default -> throw failure("unsupported function time." + call.method() + " with " + args.size() + " arguments");
                };
            }
            if (target instanceof Instant time) {
                return switch (signature) {
                    case "Add/1" -> time.plus(duration(args.get(0)));
                    case "Sub/1" -> Duration.between(instant(args.get(0)), time);
                    case "Before/1" -> time.isBefore(instant(args.get(0)));
                    case "After/1" -> time.isAfter(instant(args.get(0)));
                    case "Equal/1" -> time.equals(instant(args.get(0)));
                    case "Unix/0" -> time.getEpochSecond();
                    default -> throw failure("unsupported method " + call.method() + " of a time");
                };
            }
            if (target instanceof Duration duration) {
                return switch (signature) {
                    case "Seconds/0" -> duration.toNanos() / 1e9;
                    case "Minutes/0" -> duration.toNanos() / 6e10;
                    case "Hours/0" -> duration.toNanos() / 3.6e12;
                    default -> throw failure("unsupported method " + call.method() + " of a duration");
                };
            }
            throw failure("cannot call " + call.method() + " on " + describe(target));
        }

        private Object unary(ExprNode.Unary unary) {
            Object value = eval(unary.operand());
            if (unary.operator().equals("!")) {
                return !bool(value);
            }
            if (value instanceof Duration d) {
                return d.negated();
            }
            if (value instanceof Long l) {
                return -l;
            }
            return -number(value);
        }

        private Object binary(ExprNode.Binary binary) {
            String op = binary.operator();
            if (op.equals("and")) {
                return bool(eval(binary.left())) && bool(eval(binary.right()));
            }
            if (op.equals("or")) {
                return bool(eval(binary.left())) || bool(eval(binary.right()));
            }
            Object left = eval(binary.left());
            Object right = eval(binary.right());
            return switch (op) {
                case "==" -> same(left, right);
                case "!=" -> !same(left, right);
                case "in" -> in(left, right);
                case "<" -> compare(left, right) < 0;
                case "<=" -> compare(left, right) <= 0;
                case ">" -> compare(left, right) > 0;
                case ">=" -> compare(left, right) >= 0;
                default -> arithmetic(op, left, right);
            };
        }

        private Object arithmetic(String op, Object left, Object right) {
            if (op.equals("*") && left instanceof Duration d) {
                return d.multipliedBy(Math.round(number(right)));
            }
            if (op.equals("*") && right instanceof Duration d) {
                return d.multipliedBy(Math.round(number(left)));
            }
            if (left instanceof Duration a && right instanceof Duration b) {
                return op.equals("+") ? a.plus(b) : op.equals("-") ? a.minus(b) : fail(op, left, right);
            }
            if (op.equals("+") && left instanceof String a && right instanceof String b) {
                return a + b;
            }
            double a = number(left);
            double b = number(right);
            double result = switch (op) {
                case "+" -> a + b;
                case "-" -> a - b;
                default -> a * b;
            };
            return left instanceof Long && right instanceof Long ? (Object) (long) result : (Object) result;
        }

        private Object fail(String op, Object left, Object right) {
            throw failure("cannot apply " + op + " to " + describe(left) + " and " + describe(right));
        }

        private boolean in(Object needle, Object haystack) {
            if (haystack instanceof List<?> list) {
                return list.stream().anyMatch(item -> same(needle, item));
            }
            if (haystack instanceof Map<?, ?> map) {
                return map.containsKey(String.valueOf(needle));
            }
            throw failure("'in' needs an array or a map, not " + describe(haystack));
        }

        private int compare(Object left, Object right) {
            if (left instanceof Duration a && right instanceof Duration b) {
                return a.compareTo(b);
            }
            if (left instanceof Instant a && right instanceof Instant b) {
                return a.compareTo(b);
            }
            if (left instanceof String a && right instanceof String b) {
                return a.compareTo(b);
            }
            if (left instanceof Number && right instanceof Number) {
                return Double.compare(number(left), number(right));
            }
            throw failure("cannot compare " + describe(left) + " with " + describe(right));
        }

        private boolean same(Object left, Object right) {
            if (left instanceof Number && right instanceof Number) {
                return number(left) == number(right);
            }
            return Objects.equals(left, right);
        }

        private boolean bool(Object value) {
            if (value instanceof Boolean b) {
                return b;
            }
            throw failure("expected a boolean, got " + describe(value));
        }

        private double number(Object value) {
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            throw failure("expected a number, got " + describe(value));
        }

        private Duration duration(Object value) {
            if (value instanceof Duration d) {
                return d;
            }
            throw failure("expected a duration, got " + describe(value));
        }

        private Instant instant(Object value) {
            if (value instanceof Instant i) {
                return i;
            }
            throw failure("expected a time, got " + describe(value));
        }

        private Instant parseTime(Object value) {
            if (!(value instanceof String s)) {
                throw failure("time.Parse needs an RFC 3339 string, got " + describe(value));
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                throw failure("time.Parse: '" + s + "' is not an RFC 3339 time");
            }
        }
    }
}
