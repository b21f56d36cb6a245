package io.gitops4j.k8s.health.lua;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The safe {@code os} library of Argo CD's health scripts: {@code os.time}, {@code os.date} and
 * {@code os.difftime}, nothing that reads files, runs programs or exits. Times are in UTC, so a
 * script gives the same answer on every machine, and "now" comes from the injected clock.
 */
final class SafeOsModule {

    /** {@code %c} makes 24 characters out of 2. */
    private static final int LONGEST_EXPANSION = 12;

    private SafeOsModule() {
    }

    static FrozenTable create(Clock clock) {
        return FrozenTable.of("os", table -> {
            table.rawset("time", new VarArgFunction() {
                @Override
                public Varargs invoke(Varargs args) {
                    return args.arg1().isnil()
                            ? LuaValue.valueOf(clock.instant().getEpochSecond())
                            : LuaValue.valueOf(epochSeconds(args.checktable(1)));
                }
            });
            table.rawset("date", new VarArgFunction() {
                @Override
                public Varargs invoke(Varargs args) {
                    String format = args.optjstring(1, "%c");
                    RunBudget budget = RunBudget.current();
                    budget.step(format.length());
                    budget.allocate(LONGEST_EXPANSION * (long) format.length(), "os.date would make a string of up to");
                    long seconds = args.arg(2).isnil() ? clock.instant().getEpochSecond() : args.checklong(2);
                    return date(format, ZonedDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC));
                }
            });
            table.rawset("difftime", new TwoArgFunction() {
                @Override
                public LuaValue call(LuaValue later, LuaValue earlier) {
                    return LuaValue.valueOf(later.checkdouble() - earlier.optdouble(0));
                }
            });
        });
    }

    /** Seconds since the epoch of a date table; out-of-range fields roll over, as C's mktime does. */
    private static long epochSeconds(LuaTable date) {
        LocalDateTime time = LocalDateTime.of((int) field(date, "year", -1), 1, 1, 0, 0)
                .plusMonths(field(date, "month", -1) - 1)
                .plusDays(field(date, "day", -1) - 1)
                .plusHours(field(date, "hour", 12))
                .plusMinutes(field(date, "min", 0))
                .plusSeconds(field(date, "sec", 0));
        return time.toEpochSecond(ZoneOffset.UTC);
    }

    /** A number (or a numeric string, as Lua 5.1 accepts) from a date table. */
    private static long field(LuaTable date, String name, long fallback) {
        LuaValue value = date.get(name);
        if (value.isnil()) {
            if (fallback < 0) {
                throw new LuaError("field '" + name + "' missing in date table");
            }
            return fallback;
        }
        LuaValue number = value.tonumber();
        if (number.isnil()) {
            throw new LuaError("field '" + name + "' is not a number in date table");
        }
        return number.tolong();
    }

    private static LuaValue date(String format, ZonedDateTime time) {
        String pattern = format.startsWith("!") ? format.substring(1) : format;
        if (pattern.startsWith("*t")) {
            LuaTable table = new LuaTable();
            table.set("year", time.getYear());
            table.set("month", time.getMonthValue());
            table.set("day", time.getDayOfMonth());
            table.set("hour", time.getHour());
            table.set("min", time.getMinute());
            table.set("sec", time.getSecond());
            table.set("wday", time.getDayOfWeek().getValue() % 7 + 1);
            table.set("yday", time.getDayOfYear());
            table.set("isdst", LuaValue.FALSE);
            return table;
        }
        return LuaValue.valueOf(strftime(pattern, time));
    }

    private static String strftime(String pattern, ZonedDateTime time) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                out.append(c);
                continue;
            }
            char directive = pattern.charAt(++i);
            out.append(switch (directive) {
                case 'a' -> time.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT);
                case 'A' -> time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT);
                case 'b' -> time.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT);
                case 'B' -> time.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT);
                case 'c' -> time.format(DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT));
                case 'd' -> String.format("%02d", time.getDayOfMonth());
                case 'H' -> String.format("%02d", time.getHour());
                case 'I' -> String.format("%02d", (time.getHour() + 11) % 12 + 1);
                case 'j' -> String.format("%03d", time.getDayOfYear());
                case 'm' -> String.format("%02d", time.getMonthValue());
                case 'M' -> String.format("%02d", time.getMinute());
                case 'p' -> time.getHour() < 12 ? "AM" : "PM";
                case 'S' -> String.format("%02d", time.getSecond());
                case 'w' -> String.valueOf(time.getDayOfWeek().getValue() % 7);
                case 'x' -> time.format(DateTimeFormatter.ofPattern("MM/dd/yy", Locale.ROOT));
                case 'X' -> time.format(DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT));
                case 'y' -> String.format("%02d", time.getYear() % 100);
                case 'Y' -> String.valueOf(time.getYear());
                case 'z' -> "+0000";
                case 'Z' -> "UTC";
                case '%' -> "%";
                default -> "%" + directive;
            });
        }
        return out.toString();
    }
}
