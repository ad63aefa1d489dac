package dev.surety.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Derives the JSON Schema (draft 2020-12) of an event record from its components. */
final class JsonSchemaGenerator {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonSchemaGenerator() {
    }

    static ObjectNode schema(EventType type) {
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "urn:surety:schema:" + type.dataClass().getSimpleName() + ":v1");
        root.put("title", type.dataClass().getSimpleName());
        root.put("description", "Data of CloudEvents type " + type.ceType());
        root.setAll(recordSchema(type.dataClass()));
        return root;
    }

    private static ObjectNode recordSchema(Class<?> record) {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        ObjectNode props = s.putObject("properties");
        ArrayNode required = F.arrayNode();
        for (RecordComponent c : record.getRecordComponents()) {
            props.set(c.getName(), typeSchema(c.getGenericType()));
            if (!c.isAnnotationPresent(OptionalField.class)) {
                required.add(c.getName());
            }
        }
        s.set("required", required);
        return s;
    }

    private static ObjectNode typeSchema(Type t) {
        ObjectNode s = F.objectNode();
        if (t instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                s.put("type", "array");
                s.set("items", typeSchema(p.getActualTypeArguments()[0]));
                return s;
            }
            if (Map.class.isAssignableFrom(raw)) {
                s.put("type", "object");
                s.set("additionalProperties", typeSchema(p.getActualTypeArguments()[1]));
                return s;
            }
            throw new IllegalArgumentException("unsupported type " + t);
        }
        Class<?> c = (Class<?>) t;
        if (c == String.class) {
            s.put("type", "string");
        } else if (c == Instant.class) {
            s.put("type", "string").put("format", "date-time");
        } else if (c == Duration.class) {
            s.put("type", "string").put("format", "duration");
        } else if (c == BigDecimal.class) {
            s.put("type", "number");
        } else if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
            s.put("type", "integer");
        } else if (c == double.class || c == Double.class) {
            s.put("type", "number");
        } else if (c == boolean.class || c == Boolean.class) {
            s.put("type", "boolean");
        } else if (c.isEnum()) {
            s.put("type", "string");
            ArrayNode values = s.putArray("enum");
            for (Object e : c.getEnumConstants()) {
                values.add(((Enum<?>) e).name());
            }
        } else if (c.isRecord()) {
            return recordSchema(c);
        } else {
            throw new IllegalArgumentException("unsupported type " + t);
        }
        return s;
    }
}
