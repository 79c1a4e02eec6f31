package io.breachdrill.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A date filter read as whole months of sums plus stored rows at its edges must count every finish
 * time inside the filter exactly once and nothing outside it, and never read more than half a month
 * of stored rows at an edge. Checked hour by hour for filters of every shape: open on either side,
 * within one month, across a year end, on month starts and ends.
 */
class DashboardSplitTest {

  private static final LocalDate BASE = LocalDate.of(2025, 11, 1);

  @Test
  void everyFinishTimeInsideTheFilterCountsOnceAndNoneOutside() {
    Random random = new Random(6);
    List<Instant[]> filters = new ArrayList<>();
    filters.add(new Instant[] {null, null});
    filters.add(new Instant[] {day(0), null});
    filters.add(new Instant[] {null, day(30)});
    filters.add(new Instant[] {day(0), day(30)});
    filters.add(new Instant[] {day(27), day(65)});
    filters.add(new Instant[] {day(3), day(5)});
    filters.add(new Instant[] {day(1), day(29)});
    filters.add(new Instant[] {day(0).plusSeconds(37_000), null});
    for (int i = 0; i < 300; i++) {
      int from = random.nextInt(420);
      int to = from + 1 + random.nextInt(random.nextBoolean() ? 20 : 400);
      filters.add(
          new Instant[] {
            random.nextInt(10) == 0 ? null : day(from), random.nextInt(10) == 0 ? null : day(to)
          });
    }
    for (Instant[] filter : filters) {
      Dashboard.Split split = Dashboard.Split.of(filter[0], filter[1]);
      for (Dashboard.Split.Edge edge : split.edges()) {
        Duration month =
            Duration.between(DashboardSums.start(edge.month()), DashboardSums.end(edge.month()));
        assertThat(Duration.between(edge.from(), edge.to()).multipliedBy(2))
            .as("edge %s of %s..%s", edge, filter[0], filter[1])
            .isLessThanOrEqualTo(month);
        assertThat(DashboardSums.monthOf(edge.from())).isEqualTo(edge.month());
        assertThat(DashboardSums.monthOf(edge.to().minusMillis(1))).isEqualTo(edge.month());
      }
      for (Instant at = day(-40); at.isBefore(day(900)); at = at.plus(Duration.ofHours(7))) {
        boolean inside =
            (filter[0] == null || !at.isBefore(filter[0]))
                && (filter[1] == null || at.isBefore(filter[1]));
        assertThat(counted(split, at))
            .as("finished %s, filter %s..%s, split %s", at, filter[0], filter[1], split)
            .isEqualTo(inside ? 1 : 0);
      }
    }
  }

  /** How often the split counts a drill finished then: its month's sum, plus or minus edges. */
  private static int counted(Dashboard.Split split, Instant at) {
    LocalDate month = DashboardSums.monthOf(at);
    boolean whole =
        (split.fromMonth() == null || !month.isBefore(split.fromMonth()))
            && (split.toMonth() == null || month.isBefore(split.toMonth()));
    int count = whole ? 1 : 0;
    for (Dashboard.Split.Edge edge : split.edges()) {
      if (!at.isBefore(edge.from()) && at.isBefore(edge.to())) {
        count += edge.subtract() ? -1 : 1;
      }
    }
    return count;
  }

  private static Instant day(int days) {
    return BASE.plusDays(days).atStartOfDay().toInstant(ZoneOffset.UTC);
  }
}
