package io.breachdrill.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a parsed scenario must keep beyond its shape: unique ids, references that resolve,
 * times within the drill, well-formed technique ids, and a graph in which every inject can be
 * delivered and every playbook step can be earned. Parts the parser could not read are null and
 * skipped here, so a file reports all its problems at once.
 */
final class ScenarioValidator {

  static final Pattern TECHNIQUE = Pattern.compile("(T|AML\\.T)\\d{4}(\\.\\d{3})?");

  private final String file;
  private final Scenario scenario;
  private final SourceMap source;
  private final List<Problem> problems = new ArrayList<>();

  private final Map<String, Inject> injects = new LinkedHashMap<>();
  private final Map<String, PlaybookStep> steps = new LinkedHashMap<>();
  private final Map<String, Decision> decisions = new LinkedHashMap<>();
  private final Map<String, Inject> decidingInject = new HashMap<>();

  private ScenarioValidator(String file, Scenario scenario, SourceMap source) {
    this.file = file;
    this.scenario = scenario;
    this.source = source;
  }

  static List<Problem> validate(String file, Scenario scenario, SourceMap source) {
    ScenarioValidator validator = new ScenarioValidator(file, scenario, source);
    validator.run();
    return validator.problems;
  }

  private void run() {
    indexIds();
    Set<String> roles = checkRoles();
    for (PlaybookStep step : scenario.playbook()) {
      checkStep(step);
    }
    for (Inject inject : scenario.injects()) {
      checkInject(inject, roles);
    }
    checkReachability();
    checkEveryStepCanBeEarned();
  }

  private void indexIds() {
    for (PlaybookStep step : scenario.playbook()) {
      unique(steps, step.id(), step, "playbook step");
    }
    for (Inject inject : scenario.injects()) {
      unique(injects, inject.id(), inject, "inject");
      Decision decision = inject.decision();
      if (decision != null && unique(decisions, decision.id(), decision, "decision")) {
        decidingInject.put(decision.id(), inject);
      }
    }
  }

  private <T> boolean unique(Map<String, T> seen, String id, T owner, String kind) {
    if (id == null) {
      return false;
    }
    T first = seen.putIfAbsent(id, owner);
    if (first != null) {
      error(
          source.field(owner, "id"),
          "duplicate "
              + kind
              + " id '"
              + id
              + "' (first used at line "
              + source.field(first, "id").line()
              + ")");
      return false;
    }
    return true;
  }

  private Set<String> checkRoles() {
    Set<String> roles = new HashSet<>();
    List<String> declared = scenario.roles() == null ? List.of() : scenario.roles();
    for (int i = 0; i < declared.size(); i++) {
      if (!roles.add(declared.get(i))) {
        error(source.item(scenario, "roles", i), "role '" + declared.get(i) + "' is listed twice");
      }
    }
    if (scenario.roles() != null && declared.isEmpty()) {
      error(
          source.field(scenario, "roles"),
          "'roles' is empty: declare the team roles injects go to");
    }
    return roles;
  }

  private void checkStep(PlaybookStep step) {
    if (step.weight() <= 0) {
      error(
          source.field(step, "weight"),
          "playbook step '"
              + step.id()
              + "' has weight "
              + step.weight()
              + "; weights must be positive");
    }
    if (step.due() != null && step.due().isZero()) {
      error(
          source.field(step, "due"),
          "playbook step '"
              + step.id()
              + "' is due 0m after "
              + (step.from() == null ? "drill start" : "its inject")
              + "; give the team some time");
    }
    if (step.from() != null && !injects.containsKey(step.from())) {
      error(
          source.field(step, "from"),
          "playbook step '"
              + step.id()
              + "' starts its clock at unknown inject '"
              + step.from()
              + "'"
              + Suggestions.didYouMean(step.from(), injects.keySet()));
    }
  }

  private void checkInject(Inject inject, Set<String> roles) {
    String what = "inject '" + inject.id() + "'";
    Duration duration = scenario.duration();
    if (inject.at() != null && duration != null && inject.at().compareTo(duration) > 0) {
      error(
          source.field(inject, "at"),
          what
              + " is due at "
              + Durations.format(inject.at())
              + ", beyond the scenario's duration of "
              + Durations.format(duration));
    }
    if (inject.after() != null) {
      checkAfter(inject, inject.after());
    }
    List<String> to = inject.to() == null ? List.of() : inject.to();
    for (int i = 0; i < to.size(); i++) {
      if (scenario.roles() != null && !roles.contains(to.get(i))) {
        error(
            source.item(inject, "to", i),
            what
                + " is sent to role '"
                + to.get(i)
                + "', which 'roles' does not declare"
                + Suggestions.didYouMean(to.get(i), roles));
      }
    }
    List<String> attack = inject.attack() == null ? List.of() : inject.attack();
    for (int i = 0; i < attack.size(); i++) {
      if (!TECHNIQUE.matcher(attack.get(i)).matches()) {
        error(
            source.item(inject, "attack", i),
            "malformed technique id '"
                + attack.get(i)
                + "': use a MITRE ATT&CK id like T1078 or T1078.004, or an ATLAS id like AML.T0024");
      }
    }
    if (inject.channel() != null
        && inject.channel().technical()
        && inject.attack() != null
        && attack.isEmpty()) {
      error(
          source.field(inject, "channel"),
          what
              + " is a "
              + inject.channel().key()
              + " but names no technique: add attack: [T....] with its ATT&CK or ATLAS ids");
    }
    if (inject.decision() != null) {
      checkDecision(inject.decision());
    }
  }

  private void checkAfter(Inject inject, Inject.After after) {
    String what = "inject '" + inject.id() + "'";
    if (after.decision() == null) {
      return;
    }
    Decision decision = decisions.get(after.decision());
    if (decision == null) {
      error(
          source.field(after, "decision"),
          what
              + " follows unknown decision '"
              + after.decision()
              + "'"
              + Suggestions.didYouMean(after.decision(), decisions.keySet()));
      return;
    }
    if (inject.decision() == decision) {
      error(
          source.field(after, "decision"),
          what + " follows its own decision '" + decision.id() + "'; it could never be delivered");
    }
    List<String> options = after.options() == null ? List.of() : after.options();
    List<String> known =
        decision.options() == null
            ? List.of()
            : decision.options().stream().map(DecisionOption::id).filter(Objects::nonNull).toList();
    for (int i = 0; i < options.size(); i++) {
      String option = options.get(i);
      if (Inject.After.TIMEOUT.equals(option)) {
        if (decision.timeLimit() == null) {
          error(
              source.item(after, "option", i),
              what
                  + " follows the time-out of decision '"
                  + decision.id()
                  + "', which has no time_limit and so never times out");
        }
      } else if (!known.contains(option)) {
        error(
            source.item(after, "option", i),
            what
                + " follows unknown option '"
                + option
                + "' of decision '"
                + decision.id()
                + "'"
                + Suggestions.didYouMean(option, known)
                + "; its options are "
                + String.join(", ", known)
                + " (or timeout)");
      }
    }
  }

  private void checkDecision(Decision decision) {
    String what = "decision '" + decision.id() + "'";
    if (decision.timeLimit() != null && decision.timeLimit().isZero()) {
      error(
          source.field(decision, "time_limit"),
          what + " has a time_limit of 0m; leave time_limit out if it never times out");
    }
    if (decision.options() == null) {
      return;
    }
    if (decision.options().isEmpty()) {
      error(
          source.field(decision, "options"), what + " has no options: give the team at least two");
    } else if (decision.options().size() == 1) {
      error(
          source.field(decision, "options"),
          what + " has only one option: a decision needs at least two real choices");
    }
    Map<String, DecisionOption> seen = new HashMap<>();
    for (DecisionOption option : decision.options()) {
      unique(seen, option.id(), option, "option");
      checkStepRefs(option, "performs", option.performs());
      checkStepRefs(option, "harms", option.harms());
    }
  }

  private void checkStepRefs(DecisionOption option, String key, List<String> refs) {
    if (refs == null) {
      return;
    }
    for (int i = 0; i < refs.size(); i++) {
      if (!steps.containsKey(refs.get(i))) {
        error(
            source.item(option, key, i),
            "option '"
                + option.id()
                + "' "
                + key
                + " unknown playbook step '"
                + refs.get(i)
                + "'"
                + Suggestions.didYouMean(refs.get(i), steps.keySet()));
      }
    }
  }

  /** Delivery spreads from timed injects through the decisions they carry to their branches. */
  private void checkReachability() {
    Set<String> reachable = new HashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Inject inject : scenario.injects()) {
        if (inject.id() == null || reachable.contains(inject.id())) {
          continue;
        }
        if (inject.at() != null || followsReachable(inject, reachable)) {
          reachable.add(inject.id());
          grew = true;
        }
      }
    }
    for (Inject inject : scenario.injects()) {
      if (inject.id() == null || reachable.contains(inject.id()) || !resolvable(inject)) {
        continue;
      }
      Inject parent = decidingInject.get(inject.after().decision());
      if (parent == inject) {
        continue;
      }
      error(
          source.of(inject),
          "inject '"
              + inject.id()
              + "' can never be delivered: it follows "
              + "decision '"
              + inject.after().decision()
              + "' of inject '"
              + parent.id()
              + "', which no chain of 'at' and 'after' reaches");
    }
  }

  private boolean followsReachable(Inject inject, Set<String> reachable) {
    if (!resolvable(inject)) {
      return false;
    }
    Inject parent = decidingInject.get(inject.after().decision());
    return parent != inject && reachable.contains(parent.id());
  }

  /** Only injects whose 'after' names a real decision are judged; the others were reported. */
  private boolean resolvable(Inject inject) {
    return inject.at() == null
        && inject.after() != null
        && inject.after().decision() != null
        && decidingInject.containsKey(inject.after().decision());
  }

  private void checkEveryStepCanBeEarned() {
    Set<String> performed = new HashSet<>();
    for (Decision decision : decisions.values()) {
      if (decision.options() != null) {
        decision.options().stream()
            .filter(o -> o.performs() != null)
            .forEach(o -> performed.addAll(o.performs()));
      }
    }
    for (PlaybookStep step : steps.values()) {
      if (!performed.contains(step.id())) {
        error(
            source.field(step, "id"),
            "playbook step '"
                + step.id()
                + "' is performed by no option, so no team can ever earn it: add it to an option's "
                + "'performs'");
      }
    }
  }

  private void error(Position position, String message) {
    problems.add(Problem.at(file, position, message));
  }
}
