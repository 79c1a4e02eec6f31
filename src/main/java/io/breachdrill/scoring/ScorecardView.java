package io.breachdrill.scoring;

import io.breachdrill.drill.engine.DrillTimes;
import io.breachdrill.scenario.Decision;
import io.breachdrill.scenario.Phase;
import io.breachdrill.scenario.Scenario;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A scorecard as the page shows it: times as H:MM:SS, labels instead of ids, bars drawn. */
public record ScorecardView(
    long drillId,
    String title,
    String scenarioTitle,
    String status,
    int maximum,
    int lateFloorPercent,
    List<TeamView> teams) {

  public record TeamView(
      long id,
      String name,
      BigDecimal earned,
      int maximum,
      BigDecimal percentage,
      List<StepRow> steps,
      List<Breakdown> phases,
      List<Breakdown> controls,
      List<TimingRow> decisions,
      String path,
      Chart chart,
      List<Adjustment> adjustments,
      BigDecimal adjustedEarned,
      BigDecimal adjustedPercentage,
      List<PhaseRating> ratings,
      List<Observation> observations) {}

  public record StepRow(
      String title,
      String phase,
      String control,
      String status,
      String statusKey,
      String deadline,
      String performed,
      String by,
      BigDecimal credit) {}

  public record TimingRow(
      String decision,
      String reached,
      String outcome,
      String ended,
      String timeToDecision,
      String decidedBy,
      String rationale) {}

  /** A horizontal bar chart, one bar per phase, 0 to 100 % over {@link #BAR_WIDTH} pixels. */
  public record Chart(int width, int height, List<Bar> bars) {
    public static final int LABEL_WIDTH = 120;
    public static final int BAR_WIDTH = 300;
    public static final int ROW = 26;
  }

  public record Bar(
      String label, String value, String title, int y, int textY, int barWidth, int valueX) {}

  static ScorecardView of(
      long drillId, String title, String status, Scenario scenario, Scorecard card) {
    return new ScorecardView(
        drillId,
        title,
        scenario.title(),
        status,
        card.maximum(),
        card.lateFloorPercent(),
        card.teams().stream().map(t -> team(scenario, t)).toList());
  }

  static TeamView team(Scenario scenario, TeamScore team) {
    List<StepRow> steps =
        team.steps().stream()
            .map(
                s ->
                    new StepRow(
                        s.title(),
                        phaseName(s.phase()),
                        s.control(),
                        s.status().label(),
                        s.status().name().toLowerCase().replace('_', '-'),
                        DrillTimes.format(s.deadlineMs()),
                        s.performedMs() == null ? "" : DrillTimes.format(s.performedMs()),
                        by(s),
                        s.credit()))
            .toList();
    List<TimingRow> timings =
        team.decisions().stream()
            .map(
                d ->
                    new TimingRow(
                        prompt(scenario, d.decisionId()),
                        DrillTimes.format(d.reachedMs()),
                        switch (d.status()) {
                          case DECIDED -> d.optionId();
                          case TIMED_OUT -> "Timed out";
                          case OPEN -> "Open";
                        },
                        d.endedMs() == null ? "" : DrillTimes.format(d.endedMs()),
                        d.timeToDecisionMs() == null ? "" : DrillTimes.format(d.timeToDecisionMs()),
                        d.decidedBy(),
                        d.rationale()))
            .toList();
    String path =
        team.path().stream()
            .map(c -> c.decisionId() + " → " + c.optionId())
            .collect(Collectors.joining(", "));
    return new TeamView(
        team.teamId(),
        team.name(),
        team.earned(),
        team.maximum(),
        team.percentage(),
        steps,
        team.phases(),
        team.controls(),
        timings,
        path,
        chart(team),
        team.adjustments(),
        team.adjustedEarned(),
        team.adjustedPercentage(),
        team.ratings(),
        team.observations());
  }

  static Chart chart(TeamScore team) {
    List<Bar> bars = new ArrayList<>();
    int y = 4;
    for (Breakdown phase : team.phases()) {
      String label = Phase.fromKey(phase.key()).map(ScorecardView::phaseName).orElse(phase.key());
      int width =
          phase
              .percentage()
              .max(BigDecimal.ZERO)
              .min(BigDecimal.valueOf(100))
              .multiply(BigDecimal.valueOf(Chart.BAR_WIDTH))
              .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_EVEN)
              .intValue();
      bars.add(
          new Bar(
              label,
              phase.percentage() + " %",
              label
                  + ": "
                  + phase.percentage()
                  + " % ("
                  + phase.earned()
                  + " of "
                  + phase.maximum()
                  + ")",
              y,
              y + 16,
              width,
              Chart.LABEL_WIDTH + width + 6));
      y += Chart.ROW;
    }
    return new Chart(Chart.LABEL_WIDTH + Chart.BAR_WIDTH + 70, y + 4, List.copyOf(bars));
  }

  private static String by(StepResult step) {
    List<String> parts = new ArrayList<>();
    if (step.performedByDecision() != null) {
      parts.add(step.performedByDecision() + " → " + step.performedByOption());
    }
    if (step.harmedByDecision() != null) {
      parts.add("harmed by " + step.harmedByDecision() + " → " + step.harmedByOption());
    }
    return String.join("; ", parts);
  }

  private static String prompt(Scenario scenario, String decisionId) {
    return scenario.decisions().stream()
        .filter(d -> d.id().equals(decisionId))
        .findFirst()
        .map(Decision::prompt)
        .orElse(decisionId);
  }

  private static String phaseName(Phase phase) {
    String key = phase.key();
    return Character.toUpperCase(key.charAt(0)) + key.substring(1);
  }
}
