package io.breachdrill.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The references of a scenario's tests: every decision, option and step they name must exist. */
final class ScenarioTestCheck {

  private ScenarioTestCheck() {}

  static List<Problem> check(Scenario scenario, List<ScenarioTest> tests) {
    List<Problem> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<String> decisionIds = scenario.decisions().stream().map(Decision::id).toList();
    List<String> stepIds = scenario.playbook().stream().map(PlaybookStep::id).toList();
    for (ScenarioTest test : tests) {
      if (!names.add(test.name())) {
        problems.add(
            test.failure(
                test.at(),
                "another test of this scenario has the same name; give each test its own"));
      }
      for (ScenarioTest.Choice choice : test.path()) {
        Optional<Decision> decision =
            scenario.injectDeciding(choice.decision()).map(Inject::decision);
        if (decision.isEmpty()) {
          problems.add(
              test.failure(
                  choice.at(),
                  "there is no decision '"
                      + choice.decision()
                      + "' in this scenario"
                      + Suggestions.didYouMean(choice.decision(), decisionIds)));
          continue;
        }
        List<String> optionIds = decision.get().options().stream().map(DecisionOption::id).toList();
        if (!optionIds.contains(choice.option())) {
          problems.add(
              test.failure(
                  choice.at(),
                  "decision '"
                      + choice.decision()
                      + "' has no option '"
                      + choice.option()
                      + "'"
                      + Suggestions.didYouMean(choice.option(), optionIds)
                      + "; its options are "
                      + String.join(", ", optionIds)));
        }
      }
      for (ScenarioTest.StepExpectation step : test.steps()) {
        if (!stepIds.contains(step.step())) {
          problems.add(
              test.failure(
                  step.at(),
                  "there is no playbook step '"
                      + step.step()
                      + "' in this scenario"
                      + Suggestions.didYouMean(step.step(), stepIds)));
        }
      }
    }
    return problems;
  }
}
