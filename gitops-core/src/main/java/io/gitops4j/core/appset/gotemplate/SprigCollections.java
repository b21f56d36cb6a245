package io.gitops4j.core.appset.gotemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sprig's list and dictionary functions: {@code list dict get hasKey keys join split splitList first last has sortAlpha}. */
final class SprigCollections {

    private SprigCollections() {
    }

    static void register(Map<String, TemplateFunction> f) {
        lists(f);
    }

    private static void lists(Map<String, TemplateFunction> f) {
        f.put("list", args -> {
            List<Object> list = new ArrayList<>();
            args.forEach(a -> list.add(Args.any(a)));
            return list;
        });
        f.put("dict", args -> {
            Map<String, Object> dict = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i += 2) {
                dict.put(Args.strval(args.get(i)), i + 1 < args.size() ? Args.any(args.get(i + 1)) : "");
            }
            return dict;
        });
        f.put("get", args -> {
            Args.count("get", args, 2);
            Map<String, Object> map = Args.map(args.get(0));
            String key = Args.string(args.get(1));
            return map.containsKey(key) ? map.get(key) : "";
        });
        f.put("hasKey", args -> {
            Args.count("hasKey", args, 2);
            return Args.map(args.get(0)).containsKey(Args.string(args.get(1)));
        });
        f.put("keys", args -> {
            List<Object> keys = new ArrayList<>();
            args.forEach(a -> keys.addAll(Args.map(a).keySet()));
            return keys;
        });
        f.put("join", args -> {
            Args.count("join", args, 2);
            return String.join(Args.string(args.get(0)), Args.strings(Args.any(args.get(1))));
        });
        f.put("splitList", args -> {
            Args.count("splitList", args, 2);
            return new ArrayList<Object>(goSplit(Args.string(args.get(1)), Args.string(args.get(0))));
        });
        f.put("split", args -> {
            Args.count("split", args, 2);
            List<String> parts = goSplit(Args.string(args.get(1)), Args.string(args.get(0)));
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                map.put("_" + i, parts.get(i));
            }
            return map;
        });
        f.put("first", args -> {
            Args.count("first", args, 1);
            List<?> list = listOf("first", args.get(0));
            return list.isEmpty() ? null : list.get(0);
        });
        f.put("last", args -> {
            Args.count("last", args, 1);
            List<?> list = listOf("last", args.get(0));
            return list.isEmpty() ? null : list.get(list.size() - 1);
        });
        f.put("has", args -> {
            Args.count("has", args, 2);
            return listOf("has", args.get(1)).contains(Args.any(args.get(0)));
        });
        f.put("sortAlpha", args -> {
            Args.count("sortAlpha", args, 1);
            List<String> sorted = Args.strings(Args.any(args.get(0)));
            sorted.sort(null);
            return new ArrayList<Object>(sorted);
        });
    }

    private static List<String> goSplit(String s, String separator) {
        List<String> parts = new ArrayList<>();
        if (separator.isEmpty()) {
            s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
            return parts;
        }
        int from = 0;
        int at;
        while ((at = s.indexOf(separator, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static List<?> listOf(String function, Object value) {
        Object v = Args.any(value);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            return list;
        }
        throw FunctionException.call("Cannot find " + function + " on type " + Values.typeName(v));
    }
}
