package io.breachdrill.scoring;

import io.breachdrill.drill.engine.Delivery;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.EventType;
import io.breachdrill.drill.engine.Outcome;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.scenario.Decision;
import io.breachdrill.scenario.DecisionOption;
import io.breachdrill.scenario.Inject;
import io.breachdrill.scenario.Phase;
import io.breachdrill.scenario.PlaybookStep;
import io.breachdrill.scenario.Scenario;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Scores a drill against its scenario's playbook, as a pure function of the scenario and the
 * drill's events: no clock, no database, so rescoring the same events always gives the same
 * numbers.
 *
 * <p>Arithmetic is exact: a step's credit is one division of integers, rounded once to three
 * decimals (thousandths of a point) with HALF_EVEN; totals and breakdowns are exact sums of those
 * credits, and percentages are rounded once to one decimal with HALF_EVEN.
 *
 * <p>A step that is both performed and harmed counts as harmed: the harm costs its full weight
 * whatever else the team did, so a score never rewards doing a step and undoing it. Earned points
 * therefore lie between minus the maximum and the maximum.
 */
public final class Scorer {

  public static final String TIMEOUT = Inject.After.TIMEOUT;
  static final int CREDIT_SCALE = 3;
  static final int PERCENT_SCALE = 1;

  private Scorer() {}

  /**
   * Scores every team of a drill. {@code events} is the drill's whole log in any order: it is read
   * in {@code seq} order, so only seq decides between events at the same drill time. A step
   * performed before its {@code from} inject arrived is on time.
   */
  public static Scorecard score(Scenario scenario, List<DrillEvent> events) {
    List<DrillEvent> ordered =
        events.stream().sorted(Comparator.comparingLong(DrillEvent::seq)).toList();
    return score(scenario, DrillState.fold(ordered));
  }

  /**
   * Scores every team of a drill from its folded state: the same as scoring its events, for a
   * caller that holds the state already (a node's snapshot of the drill), without folding again.
   */
  public static Scorecard score(Scenario scenario, DrillState state) {
    Index index = Index.of(scenario);
    List<TeamScore> teams = new ArrayList<>();
    for (TeamState team : state.teamList()) {
      teams.add(team(index, team));
    }
    return new Scorecard(
        scenario.id(), index.maximum(), scenario.lateFloorPercent(), List.copyOf(teams));
  }

  /**
   * What scoring looks up for every team, built once per scorecard: with a hundred teams, scanning
   * the scenario's injects for each step and outcome cost more than all the arithmetic.
   */
  private record Index(
      Scenario scenario,
      Map<String, Inject> injects,
      Map<String, Map<String, DecisionOption>> options,
      List<Phase> phases,
      List<String> controls,
      int maximum) {

    static Index of(Scenario scenario) {
      Map<String, Inject> injects = new HashMap<>();
      Map<String, Map<String, DecisionOption>> options = new HashMap<>();
      for (Inject inject : scenario.injects()) {
        injects.putIfAbsent(inject.id(), inject);
        Decision decision = inject.decision();
        if (decision != null && !options.containsKey(decision.id())) {
          Map<String, DecisionOption> byId = new HashMap<>();
          decision.options().forEach(o -> byId.putIfAbsent(o.id(), o));
          options.put(decision.id(), byId);
        }
      }
      return new Index(
          scenario,
          injects,
          options,
          scenario.phases(),
          scenario.controls(),
          scenario.maximumScore());
    }

    /** The option an outcome chose, if the scenario has it (a time-out chose none). */
    DecisionOption option(Outcome outcome) {
      if (outcome.timedOut()) {
        return null;
      }
      return options.getOrDefault(outcome.decisionId(), Map.of()).get(outcome.optionId());
    }
  }

  private static TeamScore team(Index index, TeamState team) {
    Scenario scenario = index.scenario();
    List<Outcome> outcomes =
        team.outcomes().values().stream().sorted(Comparator.comparingLong(Outcome::seq)).toList();
    Map<String, Outcome> performedFirst = new HashMap<>();
    Map<String, Outcome> harmedFirst = new HashMap<>();
    for (Outcome outcome : outcomes) {
      DecisionOption option = index.option(outcome);
      if (option != null) {
        firsts(option.performs(), outcome, performedFirst);
        firsts(option.harms(), outcome, harmedFirst);
      }
    }
    Map<String, Delivery> firstDelivery = new HashMap<>();
    for (Delivery delivery : team.feed()) {
      if (!delivery.adhoc()) {
        firstDelivery.putIfAbsent(delivery.injectId(), delivery);
      }
    }
    List<StepResult> steps = new ArrayList<>();
    for (PlaybookStep step : scenario.playbook()) {
      steps.add(
          step(
              scenario,
              step,
              firstDelivery.get(step.from()),
              performedFirst.get(step.id()),
              harmedFirst.get(step.id())));
    }
    BigDecimal earned = sum(steps);
    int maximum = index.maximum();
    List<Breakdown> phases = breakdown(steps, index.phases(), StepResult::phase, Phase::key);
    List<Breakdown> controls = breakdown(steps, index.controls(), StepResult::control, c -> c);
    List<Adjustment> adjustments =
        team.assessments().stream()
            .filter(a -> a.type() == EventType.SCORE_ADJUSTED)
            .map(a -> new Adjustment(a.stepId(), a.credit(), a.text(), a.by(), a.drillMs()))
            .toList();
    BigDecimal adjusted =
        adjustments.stream()
            .map(Adjustment::credit)
            .reduce(earned, BigDecimal::add)
            .setScale(CREDIT_SCALE, RoundingMode.HALF_EVEN);
    return new TeamScore(
        team.teamId(),
        team.name(),
        earned,
        maximum,
        percentage(earned, maximum),
        List.copyOf(steps),
        phases,
        controls,
        timings(index, team),
        outcomes.stream()
            .map(o -> new Choice(o.decisionId(), o.timedOut() ? TIMEOUT : o.optionId()))
            .toList(),
        adjustments,
        adjusted,
        percentage(adjusted, maximum),
        team.ratings().values().stream()
            .map(
                r ->
                    new PhaseRating(
                        r.phase(), r.rating().name(), r.rating().label(), r.text(), r.by()))
            .toList(),
        team.assessments().stream()
            .filter(a -> a.type() == EventType.OBSERVATION_ADDED)
            .map(a -> new Observation(a.text(), a.by(), a.drillMs(), a.aboutSeq()))
            .toList());
  }

  /** Remembers, for each step, the first outcome (in log order) whose option names it. */
  private static void firsts(List<String> stepIds, Outcome outcome, Map<String, Outcome> first) {
    if (stepIds != null) {
      stepIds.forEach(id -> first.putIfAbsent(id, outcome));
    }
  }

  /**
   * One step: {@code from} is the first delivery of the step's {@code from} inject (null when none
   * came, or the step has none), {@code performed} and {@code harmed} the first outcomes whose
   * option performs or harms it.
   */
  private static StepResult step(
      Scenario scenario, PlaybookStep step, Delivery from, Outcome performed, Outcome harmed) {
    long start = from == null ? 0 : from.drillMs();
    long due = step.due().toMillis();
    long deadline = start + due;
    StepStatus status;
    BigDecimal credit;
    if (harmed != null) {
      status = StepStatus.HARMED;
      credit = BigDecimal.valueOf(-step.weight()).setScale(CREDIT_SCALE);
    } else if (performed == null) {
      status = StepStatus.MISSED;
      credit = BigDecimal.ZERO.setScale(CREDIT_SCALE);
    } else if (performed.drillMs() <= deadline) {
      status = StepStatus.ON_TIME;
      credit = BigDecimal.valueOf(step.weight()).setScale(CREDIT_SCALE);
    } else {
      status = StepStatus.LATE;
      credit =
          lateCredit(
              step.weight(), scenario.lateFloorPercent(), performed.drillMs() - deadline, due);
    }
    return new StepResult(
        step.id(),
        step.title(),
        step.phase(),
        step.control(),
        step.weight(),
        status,
        start,
        deadline,
        performed == null ? null : performed.drillMs(),
        performed == null ? null : performed.decisionId(),
        performed == null ? null : performed.optionId(),
        harmed == null ? null : harmed.decisionId(),
        harmed == null ? null : harmed.optionId(),
        credit);
  }

  /**
   * Full weight at the deadline, falling linearly to the floor at twice the due time past the start
   * (one due time late), and the floor after: weight × (100·due − (100 − floor)·late) / (100·due),
   * rounded once.
   */
  static BigDecimal lateCredit(int weight, int floorPercent, long lateMs, long dueMs) {
    if (lateMs >= dueMs) {
      return BigDecimal.valueOf((long) weight * floorPercent)
          .divide(BigDecimal.valueOf(100), CREDIT_SCALE, RoundingMode.HALF_EVEN);
    }
    BigDecimal numerator =
        BigDecimal.valueOf(weight)
            .multiply(BigDecimal.valueOf(100L * dueMs - (100L - floorPercent) * lateMs));
    return numerator.divide(BigDecimal.valueOf(100L * dueMs), CREDIT_SCALE, RoundingMode.HALF_EVEN);
  }

  private static List<DecisionTiming> timings(Index index, TeamState team) {
    List<DecisionTiming> timings = new ArrayList<>();
    for (Delivery delivery : team.feed()) {
      if (delivery.adhoc()) {
        continue;
      }
      Inject inject = index.injects().get(delivery.injectId());
      if (inject == null || inject.decision() == null) {
        continue;
      }
      Decision decision = inject.decision();
      Optional<Outcome> outcome = team.outcome(decision.id());
      DecisionTiming timing;
      if (outcome.isEmpty()) {
        timing =
            new DecisionTiming(
                decision.id(),
                delivery.injectId(),
                delivery.drillMs(),
                DecisionTiming.Status.OPEN,
                null,
                null,
                null,
                null,
                null);
      } else if (outcome.get().timedOut()) {
        timing =
            new DecisionTiming(
                decision.id(),
                delivery.injectId(),
                delivery.drillMs(),
                DecisionTiming.Status.TIMED_OUT,
                null,
                outcome.get().effectiveMs(),
                null,
                null,
                null);
      } else {
        timing =
            new DecisionTiming(
                decision.id(),
                delivery.injectId(),
                delivery.drillMs(),
                DecisionTiming.Status.DECIDED,
                outcome.get().optionId(),
                outcome.get().drillMs(),
                outcome.get().drillMs() - delivery.drillMs(),
                outcome.get().name(),
                outcome.get().rationale());
      }
      timings.add(timing);
    }
    return List.copyOf(timings);
  }

  private static <K> List<Breakdown> breakdown(
      List<StepResult> steps,
      List<K> keys,
      Function<StepResult, K> keyOf,
      Function<K, String> name) {
    Map<K, List<StepResult>> grouped = new LinkedHashMap<>();
    keys.forEach(k -> grouped.put(k, new ArrayList<>()));
    steps.forEach(s -> grouped.get(keyOf.apply(s)).add(s));
    List<Breakdown> result = new ArrayList<>();
    grouped.forEach(
        (key, group) -> {
          BigDecimal earned = sum(group);
          int maximum = group.stream().mapToInt(StepResult::weight).sum();
          result.add(new Breakdown(name.apply(key), earned, maximum, percentage(earned, maximum)));
        });
    return List.copyOf(result);
  }

  private static BigDecimal sum(List<StepResult> steps) {
    return steps.stream()
        .map(StepResult::credit)
        .reduce(BigDecimal.ZERO.setScale(CREDIT_SCALE), BigDecimal::add);
  }

  static BigDecimal percentage(BigDecimal earned, int maximum) {
    if (maximum == 0) {
      return BigDecimal.ZERO.setScale(PERCENT_SCALE);
    }
    return earned
        .multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(maximum), PERCENT_SCALE, RoundingMode.HALF_EVEN);
  }
}
