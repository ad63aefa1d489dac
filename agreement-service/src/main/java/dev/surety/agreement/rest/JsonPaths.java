package dev.surety.agreement.rest;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.List;

/** Names request fields as JSON paths ({@code objectives[0].selector.labels[env]}). */
final class JsonPaths {

    /** Name used when the problem is the request body as a whole. */
    static final String BODY = "body";

    private JsonPaths() {
    }

    /**
     * The JSON path of a violated constraint of a resource method parameter. Violations inside the
     * request body are named from the body's root; a query parameter by its own name.
     */
    static String of(Path path) {
        StringBuilder json = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (kind != ElementKind.PROPERTY && kind != ElementKind.CONTAINER_ELEMENT && kind != ElementKind.BEAN) {
                continue;
            }
            // Hibernate Validator puts a collection index on the node after the collection.
            if (node.isInIterable()) {
                Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                json.append('[').append(at == null ? "" : at).append(']');
            }
            if (kind == ElementKind.PROPERTY) {
                if (!json.isEmpty()) {
                    json.append('.');
                }
                json.append(node.getName());
            }
        }
        if (!json.isEmpty()) {
            return json.toString();
        }
        return parameter == null || parameter.equals("request") ? BODY : parameter;
    }

    /** The JSON path of the element a Jackson mapping error is about. */
    static String of(List<JsonMappingException.Reference> references) {
        StringBuilder json = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (!json.isEmpty()) {
                    json.append('.');
                }
                json.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                json.append('[').append(ref.getIndex()).append(']');
            }
        }
        return json.isEmpty() ? BODY : json.toString();
    }
}
