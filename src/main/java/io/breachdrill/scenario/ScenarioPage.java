package io.breachdrill.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Everything the scenario page shows, resolved from ids to the things they name. */
public record ScenarioPage(
    Scenario scenario,
    String version,
    List<EventRow> events,
    List<StepRow> playbook,
    BranchMap branchMap,
    List<String> warnings,
    PathLengths lengths) {

  public record EventRow(
      MasterEventsList.Entry entry,
      String trigger,
      List<OptionRow> options,
      List<Inject> onTimeout) {

    public Inject inject() {
      return entry.inject();
    }
  }

  public record OptionRow(
      DecisionOption option,
      List<Inject> leadsTo,
      List<PlaybookStep> performs,
      List<PlaybookStep> harms) {}

  /**
   * A step, the inject that starts its clock, and the options (decision: option) that perform or
   * harm it.
   */
  public record StepRow(
      PlaybookStep step, Inject from, List<String> performedBy, List<String> harmedBy) {}

  public static ScenarioPage of(Scenario scenario, String version) {
    List<EventRow> events =
        MasterEventsList.of(scenario).stream().map(e -> event(scenario, e)).toList();
    List<StepRow> steps =
        scenario.playbook().stream()
            .map(
                s ->
                    new StepRow(
                        s,
                        s.from() == null ? null : scenario.inject(s.from()).orElse(null),
                        choosing(scenario, o -> o.performs().contains(s.id())),
                        choosing(scenario, o -> o.harms().contains(s.id()))))
            .toList();
    return new ScenarioPage(
        scenario,
        version,
        events,
        steps,
        BranchMap.of(scenario),
        PreviewWarnings.of(scenario),
        PathLengths.of(scenario));
  }

  private static List<String> choosing(Scenario scenario, Predicate<DecisionOption> test) {
    List<String> found = new ArrayList<>();
    for (Decision decision : scenario.decisions()) {
      for (DecisionOption option : decision.options()) {
        if (test.test(option)) {
          found.add(decision.id() + ": " + option.id());
        }
      }
    }
    return List.copyOf(found);
  }

  private static EventRow event(Scenario scenario, MasterEventsList.Entry entry) {
    Inject inject = entry.inject();
    Decision decision = inject.decision();
    List<OptionRow> options = List.of();
    List<Inject> onTimeout = List.of();
    if (decision != null) {
      List<Inject> followUps = scenario.followUps(decision.id());
      options =
          decision.options().stream()
              .map(
                  o ->
                      new OptionRow(
                          o,
                          followUps.stream()
                              .filter(f -> f.after().options().contains(o.id()))
                              .toList(),
                          o.performs().stream().flatMap(id -> scenario.step(id).stream()).toList(),
                          o.harms().stream().flatMap(id -> scenario.step(id).stream()).toList()))
              .toList();
      onTimeout = followUps.stream().filter(f -> f.after().onTimeout()).toList();
    }
    return new EventRow(entry, trigger(scenario, inject), options, onTimeout);
  }

  private static String trigger(Scenario scenario, Inject inject) {
    if (inject.at() != null) {
      return "At " + Durations.format(inject.at());
    }
    Inject.After after = inject.after();
    String asker = scenario.injectDeciding(after.decision()).map(Inject::headline).orElse("");
    String choices =
        String.join(
            " or ",
            after.options().stream()
                .map(o -> Inject.After.TIMEOUT.equals(o) ? "no answer in time" : "'" + o + "'")
                .toList());
    String delay = after.delay().isZero() ? "" : ", " + Durations.format(after.delay()) + " later";
    return "After " + choices + " in decision '" + after.decision() + "' (" + asker + ")" + delay;
  }
}
