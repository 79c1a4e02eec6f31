package io.breachdrill.drill.engine;

import io.breachdrill.scenario.Inject;
import io.breachdrill.scenario.Scenario;

/**
 * An inject that reached a team: a scenario inject (its id) or an ad-hoc one (its own channel,
 * title and body). {@code dueMs} is the drill time it was scheduled for, shown to the team even
 * when delivery came later (after downtime); {@code drillMs} is when it actually arrived.
 */
public record Delivery(
    long seq,
    String injectId,
    long drillMs,
    Long dueMs,
    boolean early,
    String channel,
    String title,
    String body) {

  public boolean adhoc() {
    return injectId == null;
  }

  /** The headline the team sees: an ad-hoc inject's own title, else the scenario inject's. */
  public String headline(Scenario scenario) {
    return adhoc() ? title : scenario.inject(injectId).map(Inject::headline).orElse(injectId);
  }

  /** The drill time the team sees on the inject. */
  public long shownMs() {
    return dueMs != null ? dueMs : drillMs;
  }
}
