package io.gitops4j.k8s.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoffGrowsByTheFactorUpToTheMaximumAsArgoCdComputesIt() {
        RetryPolicy policy = RetryPolicy.limit(10);

        assertThat(List.of(policy.backoff(0), policy.backoff(1), policy.backoff(2), policy.backoff(5), policy.backoff(40)))
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                        Duration.ofSeconds(160), Duration.ofMinutes(3));
    }

    @Test
    void theLimitCountsRetriesAndANegativeOneIsUnlimited() {
        assertThat(RetryPolicy.NONE.allowsRetry(0)).isFalse();
        assertThat(RetryPolicy.limit(2).allowsRetry(1)).isTrue();
        assertThat(RetryPolicy.limit(2).allowsRetry(2)).isFalse();
        assertThat(RetryPolicy.limit(-1).allowsRetry(1_000)).isTrue();
    }

    @Test
    void durationsAreSecondsOrGoDurations() {
        assertThat(RetryPolicy.parseDuration("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryPolicy.parseDuration("3m0s")).isEqualTo(Duration.ofMinutes(3));
        assertThat(RetryPolicy.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(RetryPolicy.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> RetryPolicy.parseDuration("5x")).hasMessageContaining("'5x' is not a duration");
        assertThatThrownBy(() -> RetryPolicy.parseDuration("")).hasMessageContaining("is not a duration");
    }
}
