package dev.surety.portal.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** credit-service: the ledger, claims and statements, called with the viewer's token. */
@RegisterRestClient(configKey = "credit-service")
@Path("/v1")
public interface CreditApi {

    @GET
    @Path("credits")
    @Produces(MediaType.APPLICATION_JSON)
    Response credits(@HeaderParam("Authorization") String authorization, @QueryParam("agreementId") String agreementId,
                     @QueryParam("state") String state, @QueryParam("page") int page, @QueryParam("size") int size);

    @POST
    @Path("claims")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response claim(@HeaderParam("Authorization") String authorization, String body);

    @GET
    @Path("statements")
    Response statement(@HeaderParam("Authorization") String authorization, @HeaderParam("Accept") String accept,
                       @QueryParam("customer") String customer, @QueryParam("from") String from,
                       @QueryParam("to") String to, @QueryParam("periodStart") String periodStart,
                       @QueryParam("format") String format);
}
