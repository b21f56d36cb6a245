package io.gitops4j.core.appset;

import io.gitops4j.core.appset.gotemplate.TemplateData;
import io.gitops4j.core.appset.gotemplate.Values;
import io.gitops4j.kube.Json;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Operations on parameter sets: Argo CD's flattening, deep merge, and a short description for messages. */
final class ParamSets {

    private static final int DESCRIPTION_LENGTH = 200;

    private ParamSets() {
    }

    /**
     * Flattens nested maps and lists into dotted keys ({@code a.b}, {@code list.0}) with
     * {@code %v} strings as values, as jeremywohl/flatten with {@code DotStyle} and Argo CD do;
     * empty maps and lists vanish.
     */
    static Map<String, Object> flatten(Map<String, Object> params) {
        Map<String, Object> flat = new LinkedHashMap<>();
        params.forEach((k, v) -> flatten(k, v, flat));
        return flat;
    }

    private static void flatten(String key, Object value, Map<String, Object> flat) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(key + "." + k, v, flat));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(key + "." + i, list.get(i), flat);
            }
        } else {
            flat.put(key, Values.print(value));
        }
    }

    /** The flattened parameters as string labels, for a generator's {@code selector}. */
    static Map<String, String> labels(Map<String, Object> params) {
        Map<String, String> labels = new LinkedHashMap<>();
        flatten(params).forEach((k, v) -> labels.put(k, String.valueOf(v)));
        return labels;
    }

    /** Merges {@code override} into a copy of {@code base}; nested maps are merged, anything else replaced (mergo WithOverride). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        override.forEach((k, v) -> {
            Object existing = out.get(k);
            if (existing instanceof Map<?, ?> a && v instanceof Map<?, ?> b) {
                out.put(k, deepMerge((Map<String, Object>) a, (Map<String, Object>) b));
            } else if (!(v == null && out.containsKey(k))) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** A short JSON rendering of a parameter set, for messages. */
    static String describe(Map<String, Object> params) {
        String json = Json.write(TemplateData.toJson(params));
        return json.length() > DESCRIPTION_LENGTH ? json.substring(0, DESCRIPTION_LENGTH) + "...}" : json;
    }

    /** The number of values in a parameter set, nested ones included. */
    static long size(Object value) {
        if (value instanceof Map<?, ?> map) {
            long n = 0;
            for (Object v : map.values()) {
                n += 1 + size(v);
            }
            return n;
        }
        if (value instanceof Collection<?> list) {
            long n = 0;
            for (Object v : list) {
                n += 1 + size(v);
            }
            return n;
        }
        return 0;
    }
}
