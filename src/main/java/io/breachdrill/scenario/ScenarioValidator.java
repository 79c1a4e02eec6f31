package io.breachdrill.scenario;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
 * skipped here, and nothing is reported that only follows from a problem already reported.
 */
final class ScenarioValidator {

  static final Pattern TECHNIQUE = Pattern.compile("(T|AML\\.T)[0-9]{4}(\\.[0-9]{3})?");

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

  static List<Problem> validate(String file, ScenarioParser.Result parsed) {
    ScenarioValidator validator = new ScenarioValidator(file, parsed.scenario(), parsed.source());
    validator.run(parsed.incompleteDecisions());
    if (parsed.problems().isEmpty() && validator.problems.isEmpty()) {
      validator.checkBranchesArriveInTime();
    }
    return validator.problems;
  }

  private void run(boolean incompleteDecisions) {
    indexIds();
    Set<String> roles = checkRoles();
    for (PlaybookStep step : scenario.playbook()) {
      checkStep(step);
    }
    for (Inject inject : scenario.injects()) {
      checkInject(inject, roles);
    }
    checkReachability();
    if (!incompleteDecisions) {
      checkEveryStepCanBeEarned();
    }
  }

  private static String name(String kind, String id) {
    if (id != null) {
      return kind + " '" + id + "'";
    }
    return (kind.matches("[aeiou].*") ? "an " : "a ") + kind;
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
    if (scenario.roles() == null) {
      return roles;
    }
    List<String> declared = scenario.roles();
    for (int i = 0; i < declared.size(); i++) {
      if (!roles.add(declared.get(i))) {
        error(source.item(scenario, "roles", i), "role '" + declared.get(i) + "' is listed twice");
      }
    }
    if (declared.isEmpty()) {
      error(
          source.field(scenario, "roles"),
          "'roles' is empty: declare the team roles injects go to");
    }
    return roles;
  }

  private void checkStep(PlaybookStep step) {
    String what = name("playbook step", step.id());
    if (step.weight() <= 0) {
      error(
          source.field(step, "weight"),
          what + " has weight " + step.weight() + "; weights must be positive");
    }
    if (step.due() != null && step.due().isZero()) {
      error(
          source.field(step, "due"),
          what
              + " is due 0m after "
              + (step.from() == null ? "drill start" : "its inject")
              + "; give the team some time");
    }
    if (step.from() != null && !injects.containsKey(step.from())) {
      error(
          source.field(step, "from"),
          what
              + " starts its clock at unknown inject '"
              + step.from()
              + "'"
              + Suggestions.didYouMean(step.from(), injects.keySet()));
    }
  }

  private void checkInject(Inject inject, Set<String> roles) {
    String what = name("inject", inject.id());
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
    boolean rolesKnown = scenario.roles() != null && !scenario.roles().isEmpty();
    for (int i = 0; i < to.size() && rolesKnown; i++) {
      if (!roles.contains(to.get(i))) {
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
    String what = name("inject", inject.id());
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
              + decisionHint(after.decision()));
      return;
    }
    if (inject.decision() == decision) {
      error(
          source.field(after, "decision"),
          what + " follows its own decision '" + decision.id() + "'; it could never be delivered");
    }
    List<String> options = after.options() == null ? List.of() : after.options();
    List<String> known =
        decision.options().stream().map(DecisionOption::id).filter(Objects::nonNull).toList();
    for (int i = 0; i < options.size(); i++) {
      String option = options.get(i);
      if (Inject.After.TIMEOUT.equals(option)) {
        if (!canTimeOut(decision)) {
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
                + (known.isEmpty() ? "" : "; its options are " + String.join(", ", known))
                + (canTimeOut(decision) ? " (or timeout)" : ""));
      }
    }
  }

  private boolean canTimeOut(Decision decision) {
    return decision.timeLimit() != null || source.has(decision, "time_limit");
  }

  /** A misspelt decision id, or the id of the inject that asks the decision. */
  private String decisionHint(String id) {
    Inject asker = injects.get(id);
    if (asker != null && asker.decision() != null && asker.decision().id() != null) {
      return " (inject '"
          + id
          + "' asks decision '"
          + asker.decision().id()
          + "': did you mean that?)";
    }
    return Suggestions.didYouMean(id, decisions.keySet());
  }

  private void checkDecision(Decision decision) {
    String what = name("decision", decision.id());
    if (decision.timeLimit() != null && decision.timeLimit().isZero()) {
      error(
          source.field(decision, "time_limit"),
          what + " has a time_limit of 0m; a time limit must be longer than that");
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
            name("option", option.id())
                + " "
                + key
                + " unknown playbook step '"
                + refs.get(i)
                + "'"
                + Suggestions.didYouMean(refs.get(i), steps.keySet()));
      }
    }
  }

  /**
   * Delivery spreads from timed injects through the decisions they carry to their branches. An
   * inject whose own timing could not be read was reported already; it counts as delivered, so its
   * branches are not reported again.
   */
  private void checkReachability() {
    Map<String, List<Inject>> followers = new HashMap<>();
    Deque<Inject> reached = new ArrayDeque<>();
    Set<Inject> reachable = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Inject inject : scenario.injects()) {
      if (inject.at() != null || timingUnknown(inject)) {
        if (reachable.add(inject)) {
          reached.add(inject);
        }
      } else {
        followers.computeIfAbsent(inject.after().decision(), k -> new ArrayList<>()).add(inject);
      }
    }
    // Each reached inject passes delivery on to the branches of the decision it asks, once.
    while (!reached.isEmpty()) {
      Inject asker = reached.poll();
      Decision decision = asker.decision();
      if (decision == null || decision.id() == null || decidingInject.get(decision.id()) != asker) {
        continue;
      }
      for (Inject follower : followers.getOrDefault(decision.id(), List.of())) {
        if (follower != asker && reachable.add(follower)) {
          reached.add(follower);
        }
      }
    }
    for (Inject inject : scenario.injects()) {
      if (reachable.contains(inject) || inject.id() == null) {
        continue;
      }
      Inject asker = decidingInject.get(inject.after().decision());
      if (asker == inject) {
        continue;
      }
      error(
          source.of(inject),
          "inject '"
              + inject.id()
              + "' can never be delivered: it follows decision '"
              + inject.after().decision()
              + "' of "
              + name("inject", asker.id())
              + ", which no chain of 'at' and 'after' reaches");
    }
  }

  private boolean timingUnknown(Inject inject) {
    if (inject.at() != null) {
      return false;
    }
    Inject.After after = inject.after();
    return after == null
        || source.has(inject, "at")
        || after.decision() == null
        || !decidingInject.containsKey(after.decision());
  }

  private void checkEveryStepCanBeEarned() {
    Set<String> performed = new HashSet<>();
    for (Inject inject : scenario.injects()) {
      if (inject.decision() != null) {
        inject.decision().options().forEach(o -> performed.addAll(o.performs()));
      }
    }
    for (PlaybookStep step : scenario.playbook()) {
      if (step.id() != null && !performed.contains(step.id())) {
        error(
            source.field(step, "id"),
            "playbook step '"
                + step.id()
                + "' is performed by no option, so no team can ever earn it: add it to an option's"
                + " 'performs'");
      }
    }
  }

  /** Only for an otherwise valid scenario: arrival windows need the whole branch graph. */
  private void checkBranchesArriveInTime() {
    for (MasterEventsList.Entry entry : MasterEventsList.of(scenario)) {
      Inject inject = entry.inject();
      Duration earliest = entry.window().earliest();
      if (inject.after() != null && earliest.compareTo(scenario.duration()) > 0) {
        error(
            source.field(inject, "after"),
            "inject '"
                + inject.id()
                + "' arrives at T+"
                + Durations.format(earliest)
                + " at the earliest, after the drill ends at "
                + Durations.format(scenario.duration())
                + "; shorten its delay or ask the decision earlier");
      }
    }
  }

  private void error(Position position, String message) {
    problems.add(Problem.at(file, position, message));
  }
}
