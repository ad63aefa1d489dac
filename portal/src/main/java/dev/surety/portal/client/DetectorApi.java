package dev.surety.portal.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** breach-detector's live status, and its period history where the detector offers it (404 when not). */
@RegisterRestClient(configKey = "breach-detector")
@Path("/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public interface DetectorApi {

    @GET
    @Path("{agreementId}")
    Response status(@HeaderParam("Authorization") String authorization, @PathParam("agreementId") String agreementId);

    @GET
    @Path("{agreementId}/history")
    Response history(@HeaderParam("Authorization") String authorization, @PathParam("agreementId") String agreementId);
}
