package dev.surety.agreement.openslo;

import static dev.surety.agreement.openslo.Agreements.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.surety.events.AgreementSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** export → import yields the same terms, for hand-written rich agreements and for generated ones. */
class OpenSloRoundTripTest {

    static Stream<AgreementSnapshot> agreements() {
        return Agreements.all().stream();
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    static void assertRoundTrip(AgreementSnapshot agreement, String yaml) {
        try {
            assertEquals(Agreements.terms(agreement), OpenSloImporter.read(yaml).terms(), yaml);
        } catch (OpenSloImportException e) {
            throw new AssertionError(Yamls.render(e.errors()) + "\n" + yaml, e);
        }
    }

    @ParameterizedTest
    @MethodSource("agreements")
    void exportThenImportYieldsEqualTerms(AgreementSnapshot agreement) {
        assertRoundTrip(agreement, OpenSloExporter.write(agreement));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void generatedAgreementsRoundTripInAnyDocumentOrder(long seed) {
        AgreementSnapshot agreement = new RandomAgreements(seed).next();
        String yaml = OpenSloExporter.write(agreement);
        assertRoundTrip(agreement, yaml);
        List<String> docs = new ArrayList<>(Yamls.documents(yaml));
        Collections.shuffle(docs, new Random(seed));
        assertRoundTrip(agreement, Yamls.join(docs));
    }

    @ParameterizedTest
    @MethodSource("agreements")
    void documentsMayComeInAnyOrder(AgreementSnapshot agreement) {
        List<String> docs = new ArrayList<>(Yamls.documents(OpenSloExporter.write(agreement)));
        Collections.reverse(docs);
        assertRoundTrip(agreement, Yamls.join(docs));
    }

    @Test
    void exportIsDeterministic() {
        for (AgreementSnapshot a : Agreements.all()) {
            assertEquals(OpenSloExporter.write(a), OpenSloExporter.write(a));
        }
    }

    @Test
    void decimalsStayExactIncludingTrailingZeros() {
        String yaml = OpenSloExporter.write(Agreements.checkout());
        assertTrue(yaml.contains("targetPercent: 99.95\n"), yaml);
        assertTrue(yaml.contains("targetPercent: 99.90\n"), yaml);
        assertTrue(yaml.contains("monthlyFee: 12500.00\n"), yaml);
        AgreementSnapshot back = OpenSloImporter.read(yaml).terms();
        assertEquals("99.95", back.objective("availability").target().toPlainString());
        assertEquals("99.90", back.objective("uptime").target().toPlainString());
        assertEquals("12500.00", back.compensation().monthlyFee().toPlainString());
        assertEquals("14.4", back.objective("availability").burnRateRules().get(0).factor().toPlainString());
    }

    @Test
    void targetAsFractionReadsAsTheSamePercent() {
        String yaml = Yamls.edit(OpenSloExporter.write(Agreements.checkout()), "targetPercent: 99.95", "target: 0.9995");
        assertEquals(d("99.95"), OpenSloImporter.read(yaml).terms().objective("availability").target());
    }

    @Test
    void exportWritesStandardOpenSloWhereItCan() {
        String yaml = OpenSloExporter.write(Agreements.checkout());
        assertTrue(yaml.contains("budgetingMethod: Occurrences"));
        assertTrue(yaml.contains("budgetingMethod: Timeslices"));
        assertTrue(yaml.contains("  - duration: 1M\n    isRolling: false\n    calendar:\n      startTime: 2026-01-01 00:00:00\n"
                + "      timeZone: Europe/Berlin\n"), yaml);
        assertTrue(yaml.contains("  - duration: 30d\n    isRolling: true\n"), yaml);
        assertTrue(yaml.contains("surety.dev/short-window: 5m"), yaml);
        assertTrue(yaml.contains("lookbackWindow: 1h"), yaml);
        // what OpenSLO can say stays out of the extension document
        String agreementDoc = Yamls.documents(yaml).get(0);
        assertTrue(!agreementDoc.contains("burnRateRules") && !agreementDoc.contains("period:"), agreementDoc);
    }

    @Test
    void whatOpenSloCannotSayGoesIntoTheAgreementDocument() {
        String agreementDoc = Yamls.documents(OpenSloExporter.write(Agreements.probes())).get(0);
        assertTrue(agreementDoc.contains("comparison: EQ"), agreementDoc);
        assertTrue(agreementDoc.contains("period: P1DT12H"), agreementDoc);
        assertTrue(agreementDoc.contains("slice: PT30S"), agreementDoc);
        assertTrue(agreementDoc.contains("shortWindow: PT5S"), agreementDoc);
    }

    @Test
    void requestJsonHasTheRestCreateShape() {
        ObjectNode json = OpenSloImporter.readAsRequestJson(OpenSloExporter.write(Agreements.checkout()));
        assertEquals("acme", json.get("customer").textValue());
        assertEquals("ACME Retail Ltd", json.get("customerName").textValue());
        assertEquals("checkout-api", json.get("service").textValue());
        assertEquals("2026-01-15T08:30:00Z", json.get("effectiveFrom").textValue());
        JsonNode availability = json.get("objectives").get(0);
        assertEquals("availability", availability.get("id").textValue());
        assertEquals("RATIO", availability.get("sliKind").textValue());
        assertTrue(availability.get("target").isBigDecimal());
        assertEquals("99.95", availability.get("target").decimalValue().toPlainString());
        assertEquals("PT5M", availability.get("window").textValue());
        assertEquals("eu-west-1", availability.at("/selector/labels/region").textValue());
        assertEquals("PT1H", availability.at("/burnRateRules/0/longWindow").textValue());
        assertEquals("14.4", availability.at("/burnRateRules/0/factor").decimalValue().toPlainString());
        assertEquals("BAD", availability.get("noData").textValue());
        JsonNode latency = json.get("objectives").get(1);
        assertEquals("LE", latency.get("comparison").textValue());
        assertEquals("95", latency.get("percentile").decimalValue().toPlainString());
        assertEquals("PT1M", latency.get("slice").textValue());
        assertEquals("FREQ=WEEKLY;BYDAY=SU", json.at("/exclusions/maintenanceWindows/0/rrule").textValue());
        assertEquals("PT120H", json.at("/exclusions/minimumNotice").textValue());
        assertEquals("force-majeure", json.at("/exclusions/excludedCauses/1").textValue());
        assertEquals("12500.00", json.at("/compensation/monthlyFee").decimalValue().toPlainString());
        assertTrue(json.at("/compensation/claimRequired").booleanValue());
        assertEquals(45, json.at("/compensation/claimWindowDays").intValue());
        assertEquals("SUM", json.at("/compensation/aggregation").textValue());
        assertEquals("retry with exponential backoff", json.at("/responsibilities/customer").textValue());
        assertTrue(json.get("securityTerms").textValue().startsWith("Data is encrypted"));
        assertTrue(!json.has("status") && !json.has("version") && !json.has("agreementId"), json.toString());
    }
}
