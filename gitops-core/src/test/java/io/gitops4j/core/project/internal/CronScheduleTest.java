package io.gitops4j.core.project.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** robfig/cron's five-field parser and Next, as Argo CD configures it. */
class CronScheduleTest {

    private static Instant next(String spec, String after) {
        return CronSchedule.parse(spec).next(Instant.parse(after)).orElseThrow();
    }

    @ParameterizedTest(name = "{0} after {1} is {2}")
    @CsvSource({
        "* * * * *,          2026-06-15T12:00:30Z, 2026-06-15T12:01:00Z",
        "* * * * *,          2026-06-15T12:00:00Z, 2026-06-15T12:01:00Z",
        "0 22 * * *,         2026-06-15T12:00:00Z, 2026-06-15T22:00:00Z",
        "0 22 * * *,         2026-06-15T22:00:00Z, 2026-06-16T22:00:00Z",
        "*/15 * * * *,       2026-06-15T12:01:00Z, 2026-06-15T12:15:00Z",
        "5/15 * * * *,       2026-06-15T12:21:00Z, 2026-06-15T12:35:00Z",
        "0 0 * * mon-fri,    2026-06-19T12:00:00Z, 2026-06-22T00:00:00Z",
        "0 0 1 jan *,        2026-06-15T12:00:00Z, 2027-01-01T00:00:00Z",
        "0 0 29 2 *,         2026-06-15T12:00:00Z, 2028-02-29T00:00:00Z",
        // day of month and day of week both restricted: either matches (robfig's rule)
        "0 0 13 * FRI,       2026-06-15T12:00:00Z, 2026-06-19T00:00:00Z",
        // one of them a star: both must match
        "0 0 13 * *,         2026-06-15T12:00:00Z, 2026-07-13T00:00:00Z",
        "0 0 ? * 1,          2026-06-15T12:00:00Z, 2026-06-22T00:00:00Z",
        "0 0 * * 0,          2026-06-15T12:00:00Z, 2026-06-21T00:00:00Z",
        "0 9 * * *,          2026-06-15T12:00:00Z, 2026-06-16T09:00:00Z",
        "30 1 * * *,         2026-03-08T00:00:00Z, 2026-03-08T01:30:00Z",
        "CRON_TZ=America/New_York 0 9 * * *, 2026-06-15T12:00:00Z, 2026-06-15T13:00:00Z",
        "TZ=Asia/Dhaka 0 9 * * *, 2026-06-15T12:00:00Z, 2026-06-16T03:00:00Z",
    })
    void next(String spec, String after, String expected) {
        assertThat(next(spec.strip(), after.strip())).isEqualTo(Instant.parse(expected.strip()));
    }

    @Test
    void aScheduleThatNeverFiresWithinFiveYearsHasNoNext() {
        assertThat(CronSchedule.parse("0 0 30 2 *").next(Instant.parse("2026-06-15T12:00:00Z"))).isEmpty();
        assertThat(CronSchedule.parse("0 0 , * *").next(Instant.parse("2026-06-15T12:00:00Z"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "''|empty spec string",
        "* * *|expected exactly 5 fields, found 3",
        "* * * * * *|expected exactly 5 fields, found 6",
        "@daily|parser does not accept descriptors: @daily",
        "@every 1h|parser does not accept descriptors",
        "* 10 * * 7|end of range (7) above maximum (6): 7",
        "60 * * * *|end of range (60) above maximum (59): 60",
        "* * 0 * *|beginning of range (0) below minimum (1): 0",
        "5-1 * * * *|beginning of range (5) beyond end of range (1): 5-1",
        "*/0 * * * *|step of range should be a positive number",
        "1-2-3 * * * *|too many hyphens: 1-2-3",
        "1/2/3 * * * *|too many slashes: 1/2/3",
        "x * * * *|failed to parse int from x",
        "٣ * * * *|failed to parse int from ٣",
        "-1 * * * *|failed to parse int from ",
        "* * * foo *|failed to parse int from foo",
        "TZ=Mars/Olympus 0 0 * * *|provided bad location Mars/Olympus",
        "TZ=UTC|must be followed by a space",
    })
    void refused(String spec, String reason) {
        assertThatThrownBy(() -> CronSchedule.parse(spec)).isInstanceOf(CronSyntaxException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void namesAreReadInAnyCaseAndPlusSignsAsGoReadsThem() {
        assertThat(next("0 0 * * SUN", "2026-06-15T12:00:00Z")).isEqualTo(next("0 0 * * sun", "2026-06-15T12:00:00Z"));
        assertThat(next("+5 * * * *", "2026-06-15T12:00:00Z")).isEqualTo(Instant.parse("2026-06-15T12:05:00Z"));
        assertThat(next("*-3 * * * *", "2026-06-15T12:00:00Z")).isEqualTo(Instant.parse("2026-06-15T12:01:00Z"));
    }
}
