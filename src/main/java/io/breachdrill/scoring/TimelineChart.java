package io.breachdrill.scoring;

import io.breachdrill.drill.engine.Delivery;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.DrillTimes;
import io.breachdrill.drill.engine.Outcome;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Injects and decisions per team along drill time, as an SVG drawn on the server: a row per team, a
 * circle per inject, a square per decision, a cross per time-out, each with a title.
 */
public record TimelineChart(
    int width, int height, List<Row> rows, List<Tick> ticks, List<Mark> marks) {

  static final int LEFT = 130;
  static final int PLOT = 600;
  static final int ROW = 34;
  static final int TOP = 10;
  static final long TICK_MS = 15 * 60_000L;

  /** A team's row: its name and the y of its line. */
  public record Row(String name, int y, int textY) {}

  /** A label on the time axis. */
  public record Tick(int x, String label) {}

  /** One inject or decision: what to draw, where, and what it says. */
  public record Mark(String kind, int x, int y, String title) {
    public boolean inject() {
      return kind.equals("inject");
    }

    public boolean decision() {
      return kind.equals("decision");
    }

    public int left() {
      return x - 5;
    }

    public int top() {
      return y - 5;
    }

    public int right() {
      return x + 5;
    }

    public int bottom() {
      return y + 5;
    }
  }

  static TimelineChart of(DrillState state, Scenario scenario) {
    long end = scenario.duration().toMillis();
    for (TeamState team : state.teamList()) {
      for (Delivery d : team.feed()) {
        end = Math.max(end, d.drillMs());
      }
      for (Outcome o : team.outcomes().values()) {
        end = Math.max(end, o.drillMs());
      }
    }
    List<Row> rows = new ArrayList<>();
    List<Mark> marks = new ArrayList<>();
    int y = TOP + ROW / 2;
    for (TeamState team : state.teamList()) {
      rows.add(new Row(team.name(), y, y + 4));
      for (Delivery d : team.feed()) {
        String title = d.headline(scenario);
        marks.add(
            new Mark(
                "inject",
                x(d.drillMs(), end),
                y,
                team.name() + ", " + DrillTimes.format(d.drillMs()) + ": " + title));
      }
      for (Outcome o : team.outcomes().values()) {
        long at = o.timedOut() ? o.effectiveMs() : o.drillMs();
        String what =
            o.timedOut()
                ? o.decisionId() + " timed out"
                : o.decisionId() + ": " + o.optionId() + " by " + o.name();
        marks.add(
            new Mark(
                o.timedOut() ? "timeout" : "decision",
                x(at, end),
                y,
                team.name() + ", " + DrillTimes.format(at) + ": " + what));
      }
      y += ROW;
    }
    List<Tick> ticks = new ArrayList<>();
    for (long t = 0; t <= end; t += TICK_MS) {
      ticks.add(new Tick(x(t, end), DrillTimes.format(t)));
    }
    return new TimelineChart(
        LEFT + PLOT + 40,
        y - ROW / 2 + 30,
        List.copyOf(rows),
        List.copyOf(ticks),
        List.copyOf(marks));
  }

  public int axisY() {
    return height - 18;
  }

  public int labelY() {
    return height - 4;
  }

  private static int x(long ms, long end) {
    return LEFT + (int) (ms * PLOT / Math.max(1, end));
  }
}
