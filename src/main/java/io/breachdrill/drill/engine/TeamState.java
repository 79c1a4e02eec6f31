package io.breachdrill.drill.engine;

import io.breachdrill.scenario.Decision;
import io.breachdrill.scenario.Inject;
import io.breachdrill.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where one team stands: who is in it, what reached it, how its decisions ended. */
public record TeamState(
    long teamId,
    String name,
    List<Member> members,
    List<Delivery> feed,
    Map<String, Outcome> outcomes,
    List<Assessment> assessments,
    List<HotwashAnswer> hotwash) {

  static TeamState empty(long teamId, String name) {
    return new TeamState(teamId, name, List.of(), List.of(), Map.of(), List.of(), List.of());
  }

  public boolean answeredHotwash(long participantId) {
    return hotwash.stream().anyMatch(h -> h.participantId() == participantId);
  }

  public Optional<Delivery> delivery(String injectId) {
    return feed.stream().filter(d -> injectId.equals(d.injectId())).findFirst();
  }

  public boolean received(String injectId) {
    return delivery(injectId).isPresent();
  }

  /** The ids of the scenario injects that reached the team, for checking many at once. */
  public Set<String> receivedIds() {
    Set<String> ids = new HashSet<>();
    for (Delivery delivery : feed) {
      if (!delivery.adhoc()) {
        ids.add(delivery.injectId());
      }
    }
    return ids;
  }

  public Optional<Outcome> outcome(String decisionId) {
    return Optional.ofNullable(outcomes.get(decisionId));
  }

  public Optional<Member> member(long participantId) {
    return members.stream().filter(m -> m.participantId() == participantId).findFirst();
  }

  /** Decisions that reached the team and have no outcome yet, oldest first. */
  public List<OpenDecision> openDecisions(Scenario scenario) {
    List<OpenDecision> open = new ArrayList<>();
    // Only injects that carry a decision matter; looked up by id, not scanned per delivery.
    Map<String, Inject> deciding = new HashMap<>();
    for (Inject inject : scenario.injects()) {
      if (inject.decision() != null) {
        deciding.put(inject.id(), inject);
      }
    }
    for (Delivery delivery : feed) {
      if (delivery.adhoc() || deciding.isEmpty()) {
        continue;
      }
      Optional<Inject> inject = Optional.ofNullable(deciding.get(delivery.injectId()));
      if (inject.isEmpty()) {
        continue;
      }
      Decision decision = inject.get().decision();
      if (!outcomes.containsKey(decision.id())) {
        Long deadline =
            decision.timeLimit() == null
                ? null
                : delivery.drillMs() + decision.timeLimit().toMillis();
        open.add(new OpenDecision(teamId, inject.get(), decision, delivery.drillMs(), deadline));
      }
    }
    return open;
  }

  /**
   * Whether a member sees an inject: it is for the whole team, for their role, or for roles nobody
   * in the team holds (a small team still gets everything).
   */
  public boolean sees(Member member, Inject inject) {
    return inject.wholeTeam()
        || inject.to().contains(member.role())
        || members.stream().noneMatch(m -> inject.to().contains(m.role()));
  }

  TeamState withMember(Member member) {
    List<Member> next = new ArrayList<>(members);
    next.add(member);
    return new TeamState(teamId, name, List.copyOf(next), feed, outcomes, assessments, hotwash);
  }

  TeamState withDelivery(Delivery delivery) {
    List<Delivery> next = new ArrayList<>(feed);
    next.add(delivery);
    return new TeamState(teamId, name, members, List.copyOf(next), outcomes, assessments, hotwash);
  }

  TeamState withAssessment(Assessment assessment) {
    List<Assessment> next = new ArrayList<>(assessments);
    next.add(assessment);
    return new TeamState(teamId, name, members, feed, outcomes, List.copyOf(next), hotwash);
  }

  /** The latest rating of each phase, by phase key. */
  public Map<String, Assessment> ratings() {
    Map<String, Assessment> latest = new LinkedHashMap<>();
    assessments.stream()
        .filter(a -> a.type() == EventType.RATING_SET)
        .forEach(a -> latest.put(a.phase(), a));
    return latest;
  }

  TeamState withHotwash(HotwashAnswer answer) {
    List<HotwashAnswer> next = new ArrayList<>(hotwash);
    next.add(answer);
    return new TeamState(teamId, name, members, feed, outcomes, assessments, List.copyOf(next));
  }

  TeamState withOutcome(Outcome outcome) {
    Map<String, Outcome> next = new LinkedHashMap<>(outcomes);
    next.put(outcome.decisionId(), outcome);
    return new TeamState(teamId, name, members, feed, next, assessments, hotwash);
  }
}
