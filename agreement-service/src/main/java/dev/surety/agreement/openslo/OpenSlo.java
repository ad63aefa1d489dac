package dev.surety.agreement.openslo;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;

/** Names shared by the importer and the exporter: api versions, kinds, the Surety conventions. */
final class OpenSlo {

    static final String API_VERSION = "openslo/v1";
    static final String SURETY_API_VERSION = "surety.dev/v1";

    static final String SERVICE = "Service";
    static final String SLI = "SLI";
    static final String SLO = "SLO";
    static final String ALERT_POLICY = "AlertPolicy";
    static final String ALERT_CONDITION = "AlertCondition";
    static final String DATA_SOURCE = "DataSource";
    static final String AGREEMENT = "Agreement";
    static final List<String> OPENSLO_KINDS = List.of(SERVICE, SLI, SLO, ALERT_POLICY, ALERT_CONDITION, DATA_SOURCE);

    /** The only metric source type Surety evaluates: a selector over its own ingested metrics. */
    static final String SURETY_SOURCE_TYPE = "Surety";

    /** AlertCondition annotation: the burn-rate rule's short window (shorthand); default lookbackWindow / 12. */
    static final String SHORT_WINDOW = "surety.dev/short-window";
    /** AlertPolicy annotation: the burn-rate rule has no name; the policy's name was made up on export. */
    static final String UNNAMED = "surety.dev/unnamed";

    static final String OCCURRENCES = "Occurrences";
    static final String TIMESLICES = "Timeslices";
    static final String RATIO_TIMESLICES = "RatioTimeslices";

    /**
     * Exact decimals both ways (99.950 stays 99.950), duplicate keys refused, strings that look like
     * numbers or booleans quoted so they read back as strings.
     */
    static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private OpenSlo() {
    }
}
