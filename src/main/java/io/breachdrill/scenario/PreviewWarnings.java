package io.breachdrill.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a valid scenario may still get wrong as a drill: a step no option performs can never be
 * earned, and a decision whose options all score alike asks the team a question the score ignores.
 */
public final class PreviewWarnings {

  private PreviewWarnings() {}

  public static List<String> of(Scenario scenario) {
    List<String> warnings = new ArrayList<>();
    Set<String> performed = new HashSet<>();
    scenario.decisions().forEach(d -> d.options().forEach(o -> performed.addAll(o.performs())));
    for (PlaybookStep step : scenario.playbook()) {
      if (!performed.contains(step.id())) {
        warnings.add(
            "Playbook step '"
                + step.id()
                + "' ("
                + step.title()
                + ") is performed by no option: no team can earn its "
                + step.weight()
                + " points.");
      }
    }
    for (Decision decision : scenario.decisions()) {
      Set<List<Set<String>>> effects = new HashSet<>();
      for (DecisionOption option : decision.options()) {
        effects.add(List.of(Set.copyOf(option.performs()), Set.copyOf(option.harms())));
      }
      if (effects.size() == 1) {
        warnings.add(
            "Every option of decision '"
                + decision.id()
                + "' performs and harms the same steps, so the choice does not change the score"
                + " (only its branches differ).");
      }
    }
    return List.copyOf(warnings);
  }
}
