package io.gitops4j.fake.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import java.time.Instant;
import java.util.List;

/**
 * Objects as a {@code meta.k8s.io/v1} Table, the answer an API server gives a client that
 * accepts one ({@code kubectl get} does): a row of cells per object in the kind's
 * {@link PrinterColumns}, each row with the object's metadata, the whole object, or nothing, as
 * {@code includeObject} asks ({@code Metadata} unless said).
 */
final class Tables {

    private Tables() {
    }

    /** Whether the request accepts a Table (its Accept header names {@code as=Table}). */
    static boolean wanted(Exchange exchange) {
        return exchange.header("Accept").contains("as=Table");
    }

    /**
     * The Table of {@code objects}.
     *
     * @param withColumns whether to describe the columns (a watch describes them in its first event only)
     */
    static ObjectNode of(List<ObjectNode> objects, List<PrinterColumns.Column> columns, Instant now,
            String includeObject, boolean withColumns) {
        ObjectNode table = Json.object().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata");
        ArrayNode definitions = table.putArray("columnDefinitions");
        if (withColumns) {
            for (PrinterColumns.Column column : columns) {
                definitions.addObject().put("name", column.name()).put("type", column.type())
                        .put("format", column.format()).put("description", column.description())
                        .put("priority", column.priority());
            }
        }
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (PrinterColumns.Column column : columns) {
                addCell(cells, column.cell().apply(object, now));
            }
            switch (includeObject) {
                case "None" -> { }
                case "Object" -> row.set("object", object);
                default -> {
                    ObjectNode partial = row.putObject("object").put("kind", "PartialObjectMetadata")
                            .put("apiVersion", "meta.k8s.io/v1");
                    partial.set("metadata", object.path("metadata"));
                }
            }
        }
        return table;
    }

    private static void addCell(ArrayNode cells, Object value) {
        if (value == null) {
            cells.addNull();
        } else if (value instanceof Integer number) {
            cells.add(number);
        } else if (value instanceof Long number) {
            cells.add(number);
        } else if (value instanceof Double number) {
            cells.add(number);
        } else if (value instanceof Boolean flag) {
            cells.add(flag);
        } else {
            cells.add(value.toString());
        }
    }
}
