package io.breachdrill.drill.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpeedTest {

  private static final String ALLOWED = "Choose a speed from 0.5 to 60 (for example 1, 2.5 or 60).";

  @ParameterizedTest
  @CsvSource({
    "0.5, 50",
    "1, 100",
    "2.5, 250",
    "60, 6000",
    "60x, 6000",
    "2X, 200",
    "1.5×, 150",
    "' 3 ', 300",
    "0.50, 50",
    "1.0, 100",
    "12.34, 1234"
  })
  void parseAcceptsHundredthsFromHalfToSixty(String text, int hundredths) {
    assertThat(Speed.parse(text)).isEqualTo(new Speed(hundredths));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0.4", "0.49", "61", "60.01", "1.234", "0.505", "abc", "x", "", "   ", "-1", "0"})
  void parseRefusesAnythingElseSayingWhatIsAllowed(String text) {
    assertThatThrownBy(() -> Speed.parse(text))
        .isInstanceOf(DrillRefused.class)
        .hasMessage(ALLOWED)
        .hasMessageContaining("0.5 to 60");
  }

  @Test
  void parseRefusesNull() {
    assertThatThrownBy(() -> Speed.parse(null))
        .isInstanceOf(DrillRefused.class)
        .hasMessage(ALLOWED);
  }

  @Test
  void parseRefusesAnExponentTooLargeForBigDecimalAsARefusalNotACrash() {
    // A form field can hold anything; an absurd exponent must still be a polite refusal.
    assertThatThrownBy(() -> Speed.parse("1e2147483647"))
        .isInstanceOf(DrillRefused.class)
        .hasMessage(ALLOWED);
    assertThatThrownBy(() -> Speed.parse("1e2147483646"))
        .isInstanceOf(DrillRefused.class)
        .hasMessage(ALLOWED);
  }

  @Test
  void constructorRefusesOutOfRangeHundredths() {
    assertThatThrownBy(() -> new Speed(49)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Speed(6001)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Speed(50).hundredths()).isEqualTo(50);
    assertThat(new Speed(6000).hundredths()).isEqualTo(6000);
  }

  @Test
  void factorLabelAndOfRoundTrip() {
    assertThat(Speed.NORMAL.factor()).isEqualByComparingTo("1");
    assertThat(Speed.NORMAL.label()).isEqualTo("1×");
    assertThat(new Speed(250).label()).isEqualTo("2.5×");
    assertThat(new Speed(50).label()).isEqualTo("0.5×");
    assertThat(new Speed(6000).label()).isEqualTo("60×");
    assertThat(new Speed(6000).toString()).isEqualTo("60×");
    for (int hundredths : new int[] {50, 100, 150, 250, 1234, 6000}) {
      Speed speed = new Speed(hundredths);
      assertThat(Speed.of(speed.factor())).isEqualTo(speed);
    }
    assertThat(Speed.of(new BigDecimal("2.50"))).isEqualTo(new Speed(250));
  }

  @Test
  void drillIsWallTimesSpeedTruncatedToTheNanosecond() {
    assertThat(Speed.NORMAL.drill(Duration.ofMinutes(7))).isEqualTo(Duration.ofMinutes(7));
    assertThat(new Speed(200).drill(Duration.ofMinutes(7))).isEqualTo(Duration.ofMinutes(14));
    assertThat(new Speed(50).drill(Duration.ofMinutes(7))).isEqualTo(Duration.ofSeconds(210));
    assertThat(new Speed(6000).drill(Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(1));
    assertThat(new Speed(250).drill(Duration.ofMillis(1))).isEqualTo(Duration.ofNanos(2_500_000));
    // 0.7 x 1 ns = 0.7 ns, truncated
    assertThat(new Speed(70).drill(Duration.ofNanos(1))).isEqualTo(Duration.ZERO);
    assertThat(new Speed(70).drill(Duration.ofNanos(3))).isEqualTo(Duration.ofNanos(2));
    assertThat(new Speed(300).drill(Duration.ZERO)).isEqualTo(Duration.ZERO);
  }

  @Test
  void wallIsExactWhenTheDivisionIs() {
    assertThat(Speed.NORMAL.wall(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
    assertThat(new Speed(200).wall(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(5));
    assertThat(new Speed(50).wall(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(20));
    assertThat(new Speed(600).wall(Duration.ofMinutes(20))).isEqualTo(Duration.ofSeconds(200));
    assertThat(new Speed(6000).wall(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
    assertThat(new Speed(300).wall(Duration.ZERO)).isEqualTo(Duration.ZERO);
  }

  @Test
  void wallIsTheShortestWallTimeGivingAtLeastThatDrillTime() {
    Speed triple = new Speed(300);
    // 1 ns of drill time needs 1/3 ns: 0 ns gives 0, 1 ns gives 3
    assertThat(triple.wall(Duration.ofNanos(1))).isEqualTo(Duration.ofNanos(1));
    // 10 ns needs 3.33 ns: 3 ns gives only 9 ns, 4 ns gives 12
    assertThat(triple.wall(Duration.ofNanos(10))).isEqualTo(Duration.ofNanos(4));
    assertThat(triple.wall(Duration.ofNanos(9))).isEqualTo(Duration.ofNanos(3));
    // 0.7x: 10 min of drill time is 857.142857142... s of wall time
    assertThat(new Speed(70).wall(Duration.ofMinutes(10)))
        .isEqualTo(Duration.ofNanos(857_142_857_143L));
    assertThat(new Speed(50).wall(Duration.ofNanos(1))).isEqualTo(Duration.ofNanos(2));
  }

  @Test
  void drillOfWallRoundTripsToAtLeastTheDrillTimeAndNeverOneNanosecondLess() {
    long[] nanos = {1, 2, 3, 7, 10, 999, 1_000_000, 600_000_000_000L, 1_234_567_890_123L};
    for (int hundredths : new int[] {50, 70, 100, 150, 250, 300, 333, 700, 1234, 6000}) {
      Speed speed = new Speed(hundredths);
      for (long n : nanos) {
        Duration drill = Duration.ofNanos(n);
        Duration wall = speed.wall(drill);
        assertThat(speed.drill(wall)).as("%s of %s", speed, drill).isGreaterThanOrEqualTo(drill);
        assertThat(speed.drill(wall.minusNanos(1)))
            .as("%s of %s, 1 ns sooner", speed, drill)
            .isLessThan(drill);
      }
      // and wall time that is whole at this speed comes back exactly
      Duration wall = Duration.ofSeconds(100);
      assertThat(speed.wall(speed.drill(wall))).isEqualTo(wall);
    }
  }
}
