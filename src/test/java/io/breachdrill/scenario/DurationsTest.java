package io.breachdrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"90s,90", "15m,900", "1h30m,5400", "0m,0", "2h,7200", "1h0m5s,3605", "1h90m,9000"})
  void parsesWhatFacilitatorsWrite(String text, long seconds) {
    assertThat(Durations.parse(text)).contains(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "15", "15 m", "m", "1m1h", "15min", "-5m", "1.5h", "PT15M", "1d"})
  void rejectsAnythingElse(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"0,0m", "90,1m30s", "900,15m", "5400,1h30m", "7200,2h", "3605,1h5s"})
  void formatsBackTheSameWay(long seconds, String text) {
    assertThat(Durations.format(Duration.ofSeconds(seconds))).isEqualTo(text);
  }
}
