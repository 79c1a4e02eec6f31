package io.breachdrill.scenario;

import java.util.List;

/** What the library list shows of a scenario. */
public record ScenarioSummary(
    String id,
    String title,
    String summary,
    String duration,
    int injects,
    int decisions,
    int playbookSteps,
    int maximumScore,
    List<String> controls,
    List<String> channels) {

  public static ScenarioSummary of(Scenario scenario) {
    return new ScenarioSummary(
        scenario.id(),
        scenario.title(),
        scenario.summary(),
        Durations.format(scenario.duration()),
        scenario.injects().size(),
        scenario.decisions().size(),
        scenario.playbook().size(),
        scenario.maximumScore(),
        scenario.controls(),
        scenario.channels().stream().map(Channel::key).toList());
  }
}
