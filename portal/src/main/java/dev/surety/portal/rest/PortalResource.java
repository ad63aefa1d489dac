package dev.surety.portal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.surety.portal.client.Backends;
import dev.surety.portal.client.Reply;
import dev.surety.portal.security.Viewer;
import dev.surety.portal.service.AgreementFacts;
import dev.surety.portal.service.AgreementPageService;
import dev.surety.portal.service.PageException;
import dev.surety.portal.service.StaffViewService;
import dev.surety.portal.service.Views.AgreementRow;
import dev.surety.portal.service.Views.Unavailable;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The portal's pages: agreements for customers (and staff), open breaches for ops, the ledger for billing. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Authenticated
@Tag(name = "Pages", description = "Server-rendered HTML pages")
public class PortalResource {

    private final Template agreements;
    private final Template agreement;
    private final Template ops;
    private final Template billing;
    private final Viewer viewer;
    private final Backends backends;
    private final AgreementPageService pages;
    private final StaffViewService staff;
    private final MeterRegistry meters;

    public PortalResource(Template agreements, Template agreement, Template ops, Template billing, Viewer viewer,
                          Backends backends, AgreementPageService pages, StaffViewService staff, MeterRegistry meters) {
        this.agreements = agreements;
        this.agreement = agreement;
        this.ops = ops;
        this.billing = billing;
        this.viewer = viewer;
        this.backends = backends;
        this.pages = pages;
        this.staff = staff;
        this.meters = meters;
    }

    @GET
    @Operation(summary = "Start page: each role's main view")
    public Response home() {
        String target = viewer.ops() ? "/ops" : viewer.billing() ? "/billing" : "/agreements";
        return Response.seeOther(URI.create(target)).build();
    }

    @GET
    @Path("agreements")
    @Operation(summary = "The agreements the signed-in person may see")
    public TemplateInstance list() {
        List<Unavailable> unavailable = new ArrayList<>();
        List<AgreementRow> rows = new ArrayList<>();
        List<JsonNode> all = staff.agreements(unavailable);
        if (all != null) {
            for (JsonNode a : all) {
                if (!viewer.maySee(a.path("customer").asText(null))) {
                    continue;
                }
                String objectives = String.join(", ", StreamSupport.stream(a.path("objectives").spliterator(), false)
                        .map(o -> o.path("name").asText(o.path("id").asText()) + " ≥ "
                                + dev.surety.portal.service.Formats.percent(AgreementFacts.decimal(o, "target"), 6))
                        .toList());
                rows.add(new AgreementRow(a.path("id").asText(), a.path("name").asText(), a.path("customer").asText(),
                        a.path("service").asText(), a.path("status").asText(), a.path("timeZone").asText("UTC"), objectives));
            }
        }
        return agreements.data("who", Who.of(viewer)).data("rows", rows).data("unavailable", unavailable)
                .data("title", "Agreements");
    }

    @GET
    @Path("agreements/{id}")
    @Operation(summary = "One agreement: attainment, budget, burn, projection, breaches, credits, past periods")
    public TemplateInstance agreement(@PathParam("id") String id, @QueryParam("claimed") String claimed,
                                      @QueryParam("claimError") String claimError) {
        var page = pages.page(id, claimed, claimError);
        return agreement.data("who", Who.of(viewer)).data("a", page).data("title", page.name());
    }

    @POST
    @Path("agreements/{id}/claims")
    @RolesAllowed("customer")
    @Operation(summary = "Claim a credit (form post), then back to the agreement")
    public Response claim(@PathParam("id") String id, @FormParam("periodStart") String periodStart,
                          @FormParam("objectiveId") String objectiveId, @Context HttpHeaders headers) {
        SameOrigin.require(headers);
        pages.visibleAgreement(id);
        Instant start;
        try {
            start = Instant.parse(periodStart == null ? "" : periodStart);
        } catch (DateTimeParseException bad) {
            return back(id, "claimError", "The claim names no valid period.");
        }
        Reply r = backends.claim(id, objectiveId == null || objectiveId.isBlank() ? null : objectiveId, start);
        if (r.ok()) {
            meters.counter("surety.portal.claims.submitted").increment();
            return back(id, "claimed", "Credit claimed: " + r.json().path("amount").asText("") + " "
                    + r.json().path("currency").asText("") + " is now " + r.json().path("state").asText("").toLowerCase());
        }
        if (r.unavailableNow()) {
            return back(id, "claimError", "credit-service did not answer: the claim was not recorded. Try again shortly.");
        }
        return back(id, "claimError", "The claim was refused: " + r.detail());
    }

    private static Response back(String id, String param, String message) {
        return Response.seeOther(URI.create("/agreements/" + id + "?" + param + "="
                + URLEncoder.encode(message, StandardCharsets.UTF_8).replace("+", "%20") + "#credits")).build();
    }

    @GET
    @Path("agreements/{id}/statement.csv")
    @Produces("text/csv")
    @Operation(summary = "The agreement's customer's statement as CSV, proxied from credit-service")
    public Response statement(@PathParam("id") String id, @QueryParam("periodStart") String periodStart) {
        JsonNode a = pages.visibleAgreement(id);
        String customer = a.path("customer").asText();
        Instant now = Instant.now();
        Instant ps = null;
        Instant from = null;
        Instant to = null;
        if (periodStart != null && !periodStart.isBlank()) {
            try {
                ps = Instant.parse(periodStart);
            } catch (DateTimeParseException bad) {
                throw new PageException(400, "Bad request", "periodStart must be an ISO-8601 instant.");
            }
        } else {
            Instant eff = AgreementFacts.instant(a, "effectiveFrom");
            from = (eff == null ? now.minusSeconds(400L * 86400) : eff).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            to = now.plusSeconds(86400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }
        Reply r = backends.statementCsv(customer, from, to, ps);
        if (r.unavailableNow()) {
            throw new PageException(503, "Statement unavailable",
                    "credit-service did not answer, so the statement cannot be downloaded right now.");
        }
        if (!r.ok()) {
            throw r.status() == 404 ? PageException.notFound()
                    : new PageException(r.status() == 403 ? 403 : 502, "Statement unavailable", r.detail());
        }
        String file = "statement-" + customer.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + (ps != null ? ps.toString() : now.toString()).replace(':', '-') + ".csv";
        return Response.ok(r.body(), "text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("ops")
    @RolesAllowed({"ops", "provider-admin"})
    @Operation(summary = "Open breaches across tenants, by money at risk")
    public TemplateInstance ops() {
        var view = staff.ops();
        return ops.data("who", Who.of(viewer)).data("v", view).data("title", "Open breaches");
    }

    @GET
    @Path("billing")
    @RolesAllowed({"billing", "provider-admin"})
    @Operation(summary = "Credits by state and period with totals per currency")
    public TemplateInstance billing(@QueryParam("state") String state) {
        var view = staff.billing(state);
        return billing.data("who", Who.of(viewer)).data("v", view).data("title", "Credits")
                .data("states", List.of("ENTITLED", "CLAIMED", "ISSUED", "APPLIED", "BELOW_MINIMUM", "VOIDED"));
    }
}
