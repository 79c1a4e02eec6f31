package io.breachdrill.scenario;

import java.util.List;

/**
 * Plays a scenario's tests and reports each failed expectation as a problem at its line. Scoring
 * sits above this package, so it supplies the runner.
 */
@FunctionalInterface
public interface ScenarioTestRunner {

  ScenarioTestRunner NONE = (scenario, test) -> List.of();

  /** The failures of one test of a valid scenario; empty when it passes. */
  List<Problem> run(Scenario scenario, ScenarioTest test);
}
