package io.breachdrill.scoring;

import io.breachdrill.scenario.ScenarioTestRunner;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Hands the scenario package, which sits below scoring, the runner that plays scenario tests. */
public class ScenarioTestRunners {

  @Produces
  @Singleton
  ScenarioTestRunner runner() {
    return ScenarioTestPlayer.INSTANCE;
  }
}
