package dev.atomicfunctions.infra;

import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

/** Reading a synthesized template as plain maps, for assertions the Match DSL cannot express. */
final class Resources {

    private Resources() {
    }

    /** @return the resources of {@code type}, by logical id */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> of(Template template, String type) {
        return new java.util.LinkedHashMap<>((Map<String, Map<String, Object>>) (Map<?, ?>) template.findResources(type));
    }

    /** @return the template's outputs, by logical id */
    @SuppressWarnings("unchecked")
    static Map<String, Object> outputs(Template template) {
        return (Map<String, Object>) (Map<?, ?>) template.findOutputs("*");
    }

    /** @return the single resource of {@code type} whose logical id starts with {@code prefix} */
    static Map<String, Object> named(Template template, String type, String prefix) {
        List<Map.Entry<String, Map<String, Object>>> matches = of(template, type).entrySet().stream()
            .filter(e -> e.getKey().startsWith(prefix)).toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one " + type + " named " + prefix + "*, found " + matches.size());
        }
        return matches.getFirst().getValue();
    }

    /** @return the logical id of the single resource of {@code type} starting with {@code prefix} */
    static String id(Template template, String type, String prefix) {
        return of(template, type).keySet().stream().filter(k -> k.startsWith(prefix)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + type + " named " + prefix + "*"));
    }

    /** @return the resource as JSON text, for "mentions nothing of" assertions */
    static String json(Object resource) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(resource).toString();
    }

    /** @return {@code resource.Properties.<path...>} */
    @SuppressWarnings("unchecked")
    static <T> T property(Map<String, Object> resource, String... path) {
        Object value = resource.get("Properties");
        for (String key : path) {
            value = value == null ? null : ((Map<String, Object>) value).get(key);
        }
        return (T) value;
    }
}
