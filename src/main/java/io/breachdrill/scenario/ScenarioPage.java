package io.breachdrill.scenario;

import java.util.List;

/** Everything the scenario page shows, resolved from ids to the things they name. */
public record ScenarioPage(
    Scenario scenario, String version, List<EventRow> events, List<StepRow> playbook) {

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

  public record StepRow(PlaybookStep step, Inject from) {}

  public static ScenarioPage of(Scenario scenario, String version) {
    List<EventRow> events =
        MasterEventsList.of(scenario).stream().map(e -> event(scenario, e)).toList();
    List<StepRow> steps =
        scenario.playbook().stream()
            .map(
                s ->
                    new StepRow(
                        s, s.from() == null ? null : scenario.inject(s.from()).orElse(null)))
            .toList();
    return new ScenarioPage(scenario, version, events, steps);
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
