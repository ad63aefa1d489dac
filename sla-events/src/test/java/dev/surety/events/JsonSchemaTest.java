package dev.surety.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The published JSON Schemas describe the records exactly. Run with {@code -Dsurety.schemas.write=true}
 * to regenerate them after changing a record.
 */
class JsonSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void publishedSchemaMatchesTheRecord(EventType type) throws Exception {
        JsonNode generated = JsonSchemaGenerator.schema(type);
        if (Boolean.getBoolean("surety.schemas.write")) {
            Path file = Path.of("src/main/resources" + type.schemaResource());
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(generated) + "\n");
        }
        try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
            assertNotNull(in, "no schema published for " + type + " at " + type.schemaResource());
            assertEquals(generated, JSON.readTree(in),
                    type + ": schema drifted from the record; regenerate with -Dsurety.schemas.write=true");
        }
    }
}
