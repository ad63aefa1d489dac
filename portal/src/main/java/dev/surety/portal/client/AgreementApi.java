package dev.surety.portal.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** agreement-service's read API, called with the viewer's token. */
@RegisterRestClient(configKey = "agreement-service")
@Path("/v1/agreements")
@Produces(MediaType.APPLICATION_JSON)
public interface AgreementApi {

    @GET
    Response list(@HeaderParam("Authorization") String authorization, @QueryParam("customer") String customer,
                  @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("{id}")
    Response get(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    @GET
    @Path("{id}/maintenance-windows")
    Response maintenanceWindows(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);
}
