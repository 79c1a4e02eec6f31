package io.breachdrill.report;

import io.quarkus.qute.Escaper;
import io.quarkus.qute.RawString;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A line chart of teams' scores in percent over finish time, drawn by the template as SVG with
 * presentation attributes only (the Content-Security-Policy forbids inline styles). Each team has
 * its own colour and dash pattern, named in the legend, so colour is never the only cue; the
 * description lists every point for screen readers and print.
 */
public record DashboardChart(
    String id,
    String title,
    String description,
    List<Series> series,
    List<Tick> yTicks,
    List<Tick> xTicks) {

  public static final int WIDTH = 720;
  public static final int HEIGHT = 280;
  static final int LEFT = 56;
  static final int RIGHT = 560;
  static final int TOP = 16;
  static final int BOTTOM = 236;

  // Okabe-Ito colours, distinguishable with common colour-vision deficiencies.
  private static final String[] COLOURS = {
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#000000", "#e69f00", "#56b4e9"
  };
  private static final String[] DASHES = {"none", "8 4", "2 3", "10 3 2 3", "4 4", "12 6", "1 2"};

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

  /** One team's line: its points joined in time order, and where its legend entry goes. */
  public record Series(
      String name, String colour, String dash, String points, List<Point> dots, int legendY) {

    public int legendTextY() {
      return legendY + 4;
    }

    /**
     * Every point as an SVG circle with its tooltip, written here rather than looped over in the
     * template: a year of twenty teams is thousands of circles, and evaluating their expressions
     * one by one took most of the dashboard's time. Labels are escaped as the template would.
     */
    public RawString dotsMarkup() {
      StringBuilder svg = new StringBuilder(dots.size() * 96);
      for (Point dot : dots) {
        svg.append("<circle cx=\"")
            .append(dot.x())
            .append("\" cy=\"")
            .append(dot.y())
            .append("\" r=\"4\" fill=\"")
            .append(colour)
            .append("\"><title>")
            .append(HTML.escape(dot.label()))
            .append("</title></circle>");
      }
      return new RawString(svg.toString());
    }
  }

  private static final Escaper HTML =
      Escaper.builder()
          .add('&', "&amp;")
          .add('<', "&lt;")
          .add('>', "&gt;")
          .add('"', "&quot;")
          .add('\'', "&#39;")
          .build();

  /** One score: where it is drawn and what its tooltip says. */
  public record Point(int x, int y, String label) {}

  /** An axis label and the coordinate it sits at. */
  public record Tick(int at, String label) {

    public int textAt() {
      return at + 4;
    }
  }

  /**
   * One score of one team at one time: a drill's score on its finish day, or a team's average in a
   * month (at its start). {@code period} is the day or month as written, {@code note} the drill or
   * how many drills the average is of.
   */
  public record Sample(
      String team, Instant at, BigDecimal percentage, String period, String note, boolean month) {

    public static Sample drill(String team, Instant at, BigDecimal percentage, String drill) {
      return new Sample(team, at, percentage, DAY.format(at), drill, false);
    }

    public static Sample month(String team, LocalDate month, BigDecimal average, long drills) {
      return new Sample(
          team,
          month.atStartOfDay().toInstant(ZoneOffset.UTC),
          average,
          MONTH.format(month),
          "average of " + drills + (drills == 1 ? " drill" : " drills"),
          true);
    }

    /** "on 2026-11-28" or "in 2026-11". */
    String when() {
      return (month ? "in " : "on ") + period;
    }
  }

  public int width() {
    return WIDTH;
  }

  /** Tall enough for every team's legend entry, which are stacked beside the plot. */
  public int height() {
    return Math.max(HEIGHT, TOP + 12 + 20 * series.size());
  }

  public int plotLeft() {
    return LEFT;
  }

  public int plotRight() {
    return RIGHT;
  }

  public int plotBottom() {
    return BOTTOM;
  }

  public int legendX() {
    return RIGHT + 16;
  }

  public int legendLineEnd() {
    return RIGHT + 44;
  }

  public int legendTextX() {
    return RIGHT + 50;
  }

  public int yLabelX() {
    return LEFT - 6;
  }

  public int xLabelY() {
    return BOTTOM + 18;
  }

  public static DashboardChart of(String id, String title, List<Sample> samples) {
    Map<String, List<Sample>> byTeam = new LinkedHashMap<>();
    samples.stream()
        .sorted(
            java.util.Comparator.comparing(Sample::team)
                .thenComparing(Sample::at)
                .thenComparing(Sample::note))
        .forEach(s -> byTeam.computeIfAbsent(s.team(), t -> new ArrayList<>()).add(s));
    int low = 0;
    for (Sample s : samples) {
      if (s.percentage().signum() < 0) {
        low = Math.min(low, -25 * (int) Math.ceil(s.percentage().negate().doubleValue() / 25));
      }
    }
    Sample earliest = samples.stream().min(java.util.Comparator.comparing(Sample::at)).orElse(null);
    Sample latest = samples.stream().max(java.util.Comparator.comparing(Sample::at)).orElse(null);
    Instant first = earliest == null ? Instant.EPOCH : earliest.at();
    Instant last = latest == null ? Instant.EPOCH : latest.at();
    boolean monthly = earliest != null && earliest.month();

    List<Series> series = new ArrayList<>();
    List<String> described = new ArrayList<>();
    int index = 0;
    for (Map.Entry<String, List<Sample>> team : byTeam.entrySet()) {
      List<Point> dots = new ArrayList<>();
      List<String> said = new ArrayList<>();
      for (Sample s : team.getValue()) {
        String label =
            team.getKey() + ": " + s.percentage() + " % " + s.when() + " (" + s.note() + ")";
        dots.add(new Point(x(s.at(), first, last), y(s.percentage(), low), label));
        said.add(s.percentage() + " % " + s.when() + (monthly ? " (" + s.note() + ")" : ""));
      }
      String points = String.join(" ", dots.stream().map(p -> p.x() + "," + p.y()).toList());
      series.add(
          new Series(
              team.getKey(),
              COLOURS[index % COLOURS.length],
              DASHES[index % DASHES.length],
              points,
              dots,
              TOP + 12 + 20 * index));
      described.add(team.getKey() + ": " + String.join(", ", said) + ".");
      index++;
    }
    List<Tick> yTicks = new ArrayList<>();
    for (int value = low; value <= 100; value += 25) {
      yTicks.add(new Tick(y(BigDecimal.valueOf(value), low), value + " %"));
    }
    List<Tick> xTicks = new ArrayList<>();
    if (!samples.isEmpty()) {
      xTicks.add(new Tick(x(first, first, last), earliest.period()));
      if (!first.equals(last)) {
        xTicks.add(new Tick(x(last, first, last), latest.period()));
      }
    }
    String description =
        samples.isEmpty()
            ? "No finished drills match the filter."
            : (monthly
                    ? "Average score in percent of the maximum by month of finish (UTC). "
                    : "Score in percent of the maximum by finish date. ")
                + String.join(" ", described);
    return new DashboardChart(
        id, title, description, List.copyOf(series), List.copyOf(yTicks), List.copyOf(xTicks));
  }

  private static int x(Instant at, Instant first, Instant last) {
    long span = last.toEpochMilli() - first.toEpochMilli();
    if (span == 0) {
      return (LEFT + RIGHT) / 2;
    }
    return LEFT
        + 10
        + (int) ((RIGHT - LEFT - 20) * (at.toEpochMilli() - first.toEpochMilli()) / span);
  }

  private static int y(BigDecimal percentage, int low) {
    double share = (percentage.doubleValue() - low) / (100 - low);
    return BOTTOM - (int) Math.round(share * (BOTTOM - TOP));
  }
}
