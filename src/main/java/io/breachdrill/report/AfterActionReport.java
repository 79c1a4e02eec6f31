package io.breachdrill.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * A drill's after-action report in the HSEEP AAR/IP structure: overview, objectives and threat,
 * analysis per team by phase and control area, evaluators' ratings and observations, the hotwash
 * and the improvement plan. One value feeds the page, the PDF, Markdown, CSV and JSON alike.
 */
public record AfterActionReport(
    long drillId,
    String title,
    String scenarioId,
    String scenarioTitle,
    String summary,
    String status,
    boolean finished,
    String started,
    String ended,
    String facilitator,
    int maximum,
    List<Objective> objectives,
    List<String> techniques,
    List<TeamSection> teams,
    List<Finding> findings,
    Hotwash hotwash,
    List<PlanItem> plan) {

  /** The playbook steps of one phase: what a good response does in it. */
  public record Objective(String phase, String csf, List<ObjectiveStep> steps) {}

  public record ObjectiveStep(String id, String title, String control, int weight, String due) {}

  public record Participant(String name, String role) {}

  /** One team's results; {@code adjusted*} add the facilitator's adjustments, beside the score. */
  public record TeamSection(
      long id,
      String name,
      BigDecimal earned,
      int maximum,
      BigDecimal percentage,
      BigDecimal adjustedEarned,
      BigDecimal adjustedPercentage,
      List<Participant> members,
      List<Area> phases,
      List<Area> controls,
      List<StepLine> steps,
      List<DecisionLine> decisions,
      List<RatingLine> ratings,
      List<ObservationLine> observations,
      List<AdjustmentLine> adjustments) {}

  /** A phase or control area: its score, the steps done on time and those to improve. */
  public record Area(
      String key,
      BigDecimal earned,
      int maximum,
      BigDecimal percentage,
      List<String> strengths,
      List<Finding> improvements) {}

  public record StepLine(
      String id,
      String title,
      String phase,
      String control,
      String status,
      String deadline,
      String performed,
      BigDecimal credit,
      int weight,
      String reason) {}

  /** An area for improvement: a step a team missed, did late or harmed, and why it counts so. */
  public record Finding(
      String team,
      String stepId,
      String title,
      String phase,
      String control,
      String status,
      String reason) {}

  public record DecisionLine(
      String id,
      String prompt,
      String outcome,
      String reached,
      String ended,
      String timeToDecision,
      String by,
      String rationale) {}

  public record RatingLine(String phase, String rating, String label, String note, String by) {}

  public record ObservationLine(String at, String by, String about, String text) {}

  public record AdjustmentLine(String stepId, BigDecimal credit, String reason, String by) {}

  /** The participants' answers; {@code name} is "Anonymous" where they chose so. */
  public record Hotwash(List<HotwashLine> answers, List<Confidence> confidence) {}

  public record HotwashLine(String team, String name, List<Answer> answers) {}

  /** One question of the hotwash and what a participant answered. */
  public record Answer(String question, String answer) {}

  /** Average confidence (1 to 5) participants gave a phase, over {@code answers} answers. */
  public record Confidence(String phase, BigDecimal average, int answers) {}

  public record PlanItem(
      long id,
      String stepId,
      String issue,
      String action,
      String control,
      String owner,
      String due,
      String status,
      String statusLabel) {}

  AfterActionReport withPlan(List<PlanItem> items) {
    return new AfterActionReport(
        drillId,
        title,
        scenarioId,
        scenarioTitle,
        summary,
        status,
        finished,
        started,
        ended,
        facilitator,
        maximum,
        objectives,
        techniques,
        teams,
        findings,
        hotwash,
        List.copyOf(items));
  }
}
