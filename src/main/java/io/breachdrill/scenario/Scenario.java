package io.breachdrill.scenario;

import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;

/** One validated scenario file: immutable, and only ever built from a file with no problems. */
public record Scenario(
    String id,
    String title,
    String summary,
    Duration duration,
    Integer lateFloor,
    List<String> roles,
    List<PlaybookStep> playbook,
    List<Inject> injects,
    List<HotwashQuestion> hotwash) {

  public static final int DEFAULT_LATE_FLOOR = 50;

  public Scenario {
    injects =
        injects instanceof Injects ? injects : new Injects(injects == null ? List.of() : injects);
  }

  /** The scenario's own hotwash questions, or the default ones when it names none. */
  public List<HotwashQuestion> hotwashQuestions() {
    return hotwash == null || hotwash.isEmpty() ? HotwashQuestion.DEFAULTS : hotwash;
  }

  public int lateFloorPercent() {
    return lateFloor == null ? DEFAULT_LATE_FLOOR : lateFloor;
  }

  public List<Decision> decisions() {
    return injects.stream().map(Inject::decision).filter(d -> d != null).toList();
  }

  public Optional<Inject> inject(String injectId) {
    return Optional.ofNullable(((Injects) injects).byId.get(injectId));
  }

  public Optional<Inject> injectDeciding(String decisionId) {
    return Optional.ofNullable(((Injects) injects).byDecision.get(decisionId));
  }

  public Optional<PlaybookStep> step(String stepId) {
    return playbook.stream().filter(s -> s.id().equals(stepId)).findFirst();
  }

  /** Control areas in the order the playbook first names them. */
  public List<String> controls() {
    Set<String> controls = new LinkedHashSet<>();
    playbook.forEach(step -> controls.add(step.control()));
    return new ArrayList<>(controls);
  }

  public List<Phase> phases() {
    return playbook.stream().map(PlaybookStep::phase).distinct().sorted().toList();
  }

  public int maximumScore() {
    return playbook.stream().mapToInt(PlaybookStep::weight).sum();
  }

  public List<String> techniques() {
    return injects.stream().flatMap(i -> i.attack().stream()).distinct().sorted().toList();
  }

  public List<Channel> channels() {
    return injects.stream().map(Inject::channel).distinct().sorted().toList();
  }

  /** Injects that follow a choice made in the given decision, in file order. */
  public List<Inject> followUps(String decisionId) {
    return injects.stream()
        .filter(i -> i.after() != null && i.after().decision().equals(decisionId))
        .toList();
  }

  /**
   * The injects in file order, looked up by id and by decision without a scan: every page, stream
   * and dispatcher round asks for injects by id, and scanning a long scenario's list for each was a
   * visible share of a loaded node's CPU. The first inject of an id wins, as a scan's would.
   */
  private static final class Injects extends AbstractList<Inject> implements RandomAccess {

    private final List<Inject> list;
    private final Map<String, Inject> byId = new HashMap<>();
    private final Map<String, Inject> byDecision = new HashMap<>();

    Injects(List<Inject> injects) {
      this.list = List.copyOf(injects);
      for (Inject inject : list) {
        byId.putIfAbsent(inject.id(), inject);
        if (inject.decision() != null) {
          byDecision.putIfAbsent(inject.decision().id(), inject);
        }
      }
    }

    @Override
    public Inject get(int index) {
      return list.get(index);
    }

    @Override
    public int size() {
      return list.size();
    }
  }
}
