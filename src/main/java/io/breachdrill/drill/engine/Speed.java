package io.breachdrill.drill.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * How fast drill time runs against wall time, in hundredths so that the clock arithmetic stays
 * exact: 150 is 1.5x.
 */
public record Speed(int hundredths) {

  private static final int SLOWEST_HUNDREDTHS = 50;
  private static final int FASTEST_HUNDREDTHS = 6000;

  public static final Speed NORMAL = new Speed(100);
  public static final Speed FASTEST = new Speed(FASTEST_HUNDREDTHS);

  public Speed {
    if (hundredths < SLOWEST_HUNDREDTHS || hundredths > FASTEST_HUNDREDTHS) {
      throw new IllegalArgumentException("speed out of range: " + hundredths + "/100");
    }
  }

  /** Reads a speed such as "2" or "0.5"; a refusal says what is allowed. */
  public static Speed parse(String text) {
    String problem = "Choose a speed from 0.5 to 60 (for example 1, 2.5 or 60).";
    if (text == null || text.isBlank()) {
      throw new DrillRefused(problem);
    }
    BigDecimal hundredths;
    try {
      hundredths = new BigDecimal(text.strip().replaceFirst("[xX×]$", "")).movePointRight(2);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new DrillRefused(problem);
    }
    if (hundredths.stripTrailingZeros().scale() > 0
        || hundredths.compareTo(BigDecimal.valueOf(SLOWEST_HUNDREDTHS)) < 0
        || hundredths.compareTo(BigDecimal.valueOf(FASTEST_HUNDREDTHS)) > 0) {
      throw new DrillRefused(problem);
    }
    return new Speed(hundredths.intValueExact());
  }

  public static Speed of(BigDecimal factor) {
    return new Speed(
        factor.movePointRight(2).setScale(0, RoundingMode.UNNECESSARY).intValueExact());
  }

  /** The factor with no trailing zeros and never in exponent form (10, not 1E+1). */
  public BigDecimal factor() {
    BigDecimal factor = BigDecimal.valueOf(hundredths, 2).stripTrailingZeros();
    return factor.scale() < 0 ? factor.setScale(0) : factor;
  }

  /** Drill time that passes in the given wall time, truncated to the nanosecond. */
  public Duration drill(Duration wall) {
    return wall.multipliedBy(hundredths).dividedBy(100);
  }

  /** The shortest wall time in which at least the given drill time passes. */
  public Duration wall(Duration drill) {
    Duration wall = drill.multipliedBy(100).dividedBy(hundredths);
    return drill(wall).compareTo(drill) < 0 ? wall.plusNanos(1) : wall;
  }

  public String label() {
    return factor().toPlainString() + "×";
  }

  @Override
  public String toString() {
    return label();
  }
}
