package dev.surety.bench.baseline;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * The least a Quarkus REST endpoint can do: answer a GET by id with a small JSON document built in
 * memory, with no security, database or messaging. Benchmarks put real endpoints next to it.
 */
@Path("/baseline")
public class BaselineResource {

    /** A document about the size of an agreement's summary. */
    public record Item(String id, String name, String status, int version, List<String> tags, Instant at) {
    }

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Item get(@PathParam("id") String id) {
        return new Item(id, "baseline", "ACTIVE", 1, List.of("a", "b", "c"), AT);
    }
}
