package io.breachdrill.report;

import io.breachdrill.drill.engine.Assessment;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.DrillTimes;
import io.breachdrill.drill.engine.EventType;
import io.breachdrill.drill.engine.HotwashAnswer;
import io.breachdrill.drill.engine.Outcome;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.report.AfterActionReport.AdjustmentLine;
import io.breachdrill.report.AfterActionReport.Area;
import io.breachdrill.report.AfterActionReport.Confidence;
import io.breachdrill.report.AfterActionReport.DecisionLine;
import io.breachdrill.report.AfterActionReport.Finding;
import io.breachdrill.report.AfterActionReport.Hotwash;
import io.breachdrill.report.AfterActionReport.HotwashLine;
import io.breachdrill.report.AfterActionReport.Objective;
import io.breachdrill.report.AfterActionReport.ObjectiveStep;
import io.breachdrill.report.AfterActionReport.ObservationLine;
import io.breachdrill.report.AfterActionReport.Participant;
import io.breachdrill.report.AfterActionReport.RatingLine;
import io.breachdrill.report.AfterActionReport.StepLine;
import io.breachdrill.report.AfterActionReport.TeamSection;
import io.breachdrill.scenario.Decision;
import io.breachdrill.scenario.Phase;
import io.breachdrill.scenario.PlaybookStep;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scoring.Breakdown;
import io.breachdrill.scoring.DecisionTiming;
import io.breachdrill.scoring.Scorecard;
import io.breachdrill.scoring.StepResult;
import io.breachdrill.scoring.StepStatus;
import io.breachdrill.scoring.TeamScore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the after-action report from a drill's scenario, log and scorecard: a pure function. */
public final class Reports {

  static final DateTimeFormatter WALL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Reports() {}

  /** The drill's facts as the report needs them. */
  public record Drill(long id, String title, String status, boolean finished, String facilitator) {}

  public static AfterActionReport build(
      Drill drill, Scenario scenario, DrillState state, List<DrillEvent> events, Scorecard card) {
    List<TeamSection> teams = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (TeamScore score : card.teams()) {
      TeamState team = state.team(score.teamId()).orElse(null);
      List<Finding> teamFindings =
          score.steps().stream()
              .filter(s -> s.status() != StepStatus.ON_TIME)
              .map(s -> finding(score.name(), s, drill.finished()))
              .toList();
      findings.addAll(teamFindings);
      teams.add(section(scenario, score, team, teamFindings, drill.finished()));
    }
    return new AfterActionReport(
        drill.id(),
        drill.title(),
        scenario.id(),
        scenario.title(),
        scenario.summary(),
        drill.status(),
        drill.finished(),
        events.isEmpty() ? "" : WALL.format(events.get(0).at()),
        events.isEmpty() ? "" : WALL.format(events.get(events.size() - 1).at()),
        drill.facilitator(),
        card.maximum(),
        objectives(scenario),
        scenario.techniques(),
        List.copyOf(teams),
        List.copyOf(findings),
        hotwash(state, scenario),
        List.of());
  }

  static List<Objective> objectives(Scenario scenario) {
    List<Objective> objectives = new ArrayList<>();
    for (Phase phase : scenario.phases()) {
      List<ObjectiveStep> steps =
          scenario.playbook().stream()
              .filter(s -> s.phase() == phase)
              .map(
                  s ->
                      new ObjectiveStep(
                          s.id(),
                          s.title(),
                          s.control(),
                          s.weight(),
                          DrillTimes.format(s.due().toMillis())))
              .toList();
      objectives.add(
          new Objective(
              name(phase), phase.csfFunction() + " (" + phase.csfCategories() + ")", steps));
    }
    return objectives;
  }

  /** Why a step is an area for improvement, in words a team can act on. */
  static String reason(StepResult step, boolean finished) {
    String deadline = DrillTimes.format(step.deadlineMs());
    return switch (step.status()) {
      case ON_TIME -> "Done on time.";
      case MISSED ->
          (finished ? "Not done by the end of the drill" : "Not done so far")
              + "; it was due by "
              + deadline
              + ".";
      case LATE ->
          "Done at "
              + DrillTimes.format(step.performedMs())
              + ", "
              + DrillTimes.format(step.performedMs() - step.deadlineMs())
              + " after its deadline of "
              + deadline
              + "; earned "
              + step.credit()
              + " of "
              + step.weight()
              + " points.";
      case HARMED ->
          "Worked against by decision "
              + step.harmedByDecision()
              + " (option "
              + step.harmedByOption()
              + "); "
              + step.credit()
              + " points.";
    };
  }

  private static Finding finding(String team, StepResult step, boolean finished) {
    return new Finding(
        team,
        step.stepId(),
        step.title(),
        name(step.phase()),
        step.control(),
        step.status().label(),
        reason(step, finished));
  }

  private static TeamSection section(
      Scenario scenario,
      TeamScore score,
      TeamState team,
      List<Finding> findings,
      boolean finished) {
    List<StepLine> steps =
        score.steps().stream()
            .map(
                s ->
                    new StepLine(
                        s.stepId(),
                        s.title(),
                        name(s.phase()),
                        s.control(),
                        s.status().label(),
                        DrillTimes.format(s.deadlineMs()),
                        s.performedMs() == null ? "" : DrillTimes.format(s.performedMs()),
                        s.credit(),
                        s.weight(),
                        s.status() == StepStatus.ON_TIME ? "" : reason(s, finished)))
            .toList();
    List<Area> phases =
        areas(
            score.phases(),
            score.steps(),
            findings,
            s -> s.phase().key(),
            f -> f.phase().toLowerCase(),
            key -> Phase.fromKey(key).map(Reports::name).orElse(key));
    List<Area> controls =
        areas(
            score.controls(),
            score.steps(),
            findings,
            StepResult::control,
            Finding::control,
            k -> k);
    List<Assessment> assessments = team == null ? List.of() : team.assessments();
    return new TeamSection(
        score.teamId(),
        score.name(),
        score.earned(),
        score.maximum(),
        score.percentage(),
        score.adjustedEarned(),
        score.adjustedPercentage(),
        team == null
            ? List.of()
            : team.members().stream().map(m -> new Participant(m.name(), m.role())).toList(),
        phases,
        controls,
        steps,
        decisions(scenario, score, team),
        score.ratings().stream()
            .map(r -> new RatingLine(r.phase(), r.rating(), r.label(), r.note(), r.by()))
            .toList(),
        assessments.stream()
            .filter(a -> a.type() == EventType.OBSERVATION_ADDED)
            .map(
                a ->
                    new ObservationLine(
                        DrillTimes.format(a.drillMs()),
                        a.by(),
                        a.aboutSeq() == null ? "" : "event " + a.aboutSeq(),
                        a.text()))
            .toList(),
        score.adjustments().stream()
            .map(a -> new AdjustmentLine(a.stepId(), a.credit(), a.reason(), a.by()))
            .toList());
  }

  private static List<Area> areas(
      List<Breakdown> breakdowns,
      List<StepResult> steps,
      List<Finding> findings,
      Function<StepResult, String> stepKey,
      Function<Finding, String> findingKey,
      Function<String, String> label) {
    return breakdowns.stream()
        .map(
            b ->
                new Area(
                    label.apply(b.key()),
                    b.earned(),
                    b.maximum(),
                    b.percentage(),
                    steps.stream()
                        .filter(
                            s ->
                                s.status() == StepStatus.ON_TIME
                                    && stepKey.apply(s).equals(b.key()))
                        .map(StepResult::title)
                        .toList(),
                    findings.stream().filter(f -> findingKey.apply(f).equals(b.key())).toList()))
        .toList();
  }

  private static List<DecisionLine> decisions(Scenario scenario, TeamScore score, TeamState team) {
    List<DecisionLine> lines = new ArrayList<>();
    for (DecisionTiming timing : score.decisions()) {
      Outcome outcome = team == null ? null : team.outcome(timing.decisionId()).orElse(null);
      lines.add(
          new DecisionLine(
              timing.decisionId(),
              scenario.decisions().stream()
                  .filter(d -> d.id().equals(timing.decisionId()))
                  .findFirst()
                  .map(Decision::prompt)
                  .orElse(timing.decisionId()),
              switch (timing.status()) {
                case DECIDED -> timing.optionId();
                case TIMED_OUT -> "Timed out";
                case OPEN -> "Open";
              },
              DrillTimes.format(timing.reachedMs()),
              timing.endedMs() == null ? "" : DrillTimes.format(timing.endedMs()),
              timing.timeToDecisionMs() == null ? "" : DrillTimes.format(timing.timeToDecisionMs()),
              outcome == null || outcome.name() == null ? "" : outcome.name(),
              outcome == null || outcome.rationale() == null ? "" : outcome.rationale()));
    }
    return List.copyOf(lines);
  }

  private static Hotwash hotwash(DrillState state, Scenario scenario) {
    List<HotwashLine> answers = new ArrayList<>();
    Map<String, int[]> totals = new LinkedHashMap<>();
    for (Phase phase : Phase.values()) {
      totals.put(phase.key(), new int[2]);
    }
    for (TeamState team : state.teamList()) {
      for (HotwashAnswer answer : team.hotwash()) {
        answers.add(
            new HotwashLine(
                team.name(),
                answer.name() == null ? "Anonymous" : answer.name(),
                scenario.hotwashQuestions().stream()
                    .filter(q -> answer.answers().containsKey(q.id()))
                    .map(
                        q ->
                            new AfterActionReport.Answer(
                                q.question(), answer.answers().get(q.id())))
                    .toList()));
        answer
            .confidence()
            .forEach(
                (phase, value) -> {
                  int[] sum = totals.computeIfAbsent(phase, k -> new int[2]);
                  sum[0] += value;
                  sum[1]++;
                });
      }
    }
    List<Confidence> confidence = new ArrayList<>();
    totals.forEach(
        (phase, sum) -> {
          if (sum[1] > 0) {
            confidence.add(
                new Confidence(
                    Phase.fromKey(phase).map(Reports::name).orElse(phase),
                    BigDecimal.valueOf(sum[0])
                        .divide(BigDecimal.valueOf(sum[1]), 1, RoundingMode.HALF_EVEN),
                    sum[1]));
          }
        });
    return new Hotwash(List.copyOf(answers), List.copyOf(confidence));
  }

  /** The plan's first draft: one item per step any team missed, did late or harmed. */
  static Map<String, ImprovementDraft> drafts(Scenario scenario, List<Finding> findings) {
    Map<String, List<Finding>> byStep = new LinkedHashMap<>();
    for (PlaybookStep step : scenario.playbook()) {
      List<Finding> about = findings.stream().filter(f -> f.stepId().equals(step.id())).toList();
      if (!about.isEmpty()) {
        byStep.put(step.id(), about);
      }
    }
    Map<String, ImprovementDraft> drafts = new LinkedHashMap<>();
    byStep.forEach(
        (stepId, about) -> {
          Finding first = about.get(0);
          StringBuilder issue = new StringBuilder(first.title()).append(" (");
          for (int i = 0; i < about.size(); i++) {
            issue.append(i == 0 ? "" : "; ").append(about.get(i).team()).append(": ");
            issue.append(about.get(i).status().toLowerCase());
          }
          issue.append(')');
          drafts.put(
              stepId,
              new ImprovementDraft(
                  stepId,
                  issue.toString(),
                  "Write down and rehearse how to: " + first.title(),
                  first.control()));
        });
    return drafts;
  }

  /** A seeded item before it is stored. */
  record ImprovementDraft(String stepId, String issue, String action, String control) {}

  static String name(Phase phase) {
    String key = phase.key();
    return Character.toUpperCase(key.charAt(0)) + key.substring(1);
  }

  static String wall(Instant at) {
    return WALL.format(at);
  }
}
