package io.gitops4j.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MicroTimeTest {

    @Test
    void writesMicrosecondsInUtcAsClientGoAndReadsItBack() {
        Instant at = Instant.parse("2026-12-05T06:00:01.123456789Z");

        String written = MicroTime.format(at);

        assertThat(written).isEqualTo("2026-12-05T06:00:01.123456Z");
        assertThat(MicroTime.parse(JsonNodeFactory.instance.textNode(written)))
                .contains(Instant.parse("2026-12-05T06:00:01.123456Z"));
    }

    @Test
    void readsAnOffsetAndLeavesWhatIsNotATimeEmpty() {
        assertThat(MicroTime.parse(JsonNodeFactory.instance.textNode("2026-12-05T08:00:00+02:00")))
                .contains(Instant.parse("2026-12-05T06:00:00Z"));
        assertThat(MicroTime.parse(JsonNodeFactory.instance.textNode("yesterday"))).isEmpty();
        assertThat(MicroTime.parse(JsonNodeFactory.instance.numberNode(1))).isEmpty();
        assertThat(MicroTime.parse(JsonNodeFactory.instance.missingNode())).isEmpty();
    }
}
