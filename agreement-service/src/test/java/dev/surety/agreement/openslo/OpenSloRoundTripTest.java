package dev.surety.agreement.openslo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.events.AgreementSnapshot;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OpenSloRoundTripTest {

    static Stream<AgreementSnapshot> agreements() {
        return Agreements.all().stream();
    }

    @ParameterizedTest
    @MethodSource("agreements")
    void exportThenImportYieldsEqualTerms(AgreementSnapshot agreement) {
        String yaml = OpenSloExporter.write(agreement);
        try {
            assertEquals(Agreements.terms(agreement), OpenSloImporter.read(yaml).terms(), yaml);
        } catch (OpenSloImportException e) {
            throw new AssertionError(e.errors() + "\n" + yaml, e);
        }
    }
}
