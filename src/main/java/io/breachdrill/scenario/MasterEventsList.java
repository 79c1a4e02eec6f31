package io.breachdrill.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The master scenario events list: every inject in drill-time order. A branch has no fixed time, so
 * each inject gets a window: the earliest it can arrive (the decision answered at once) and the
 * latest (answered at its time limit), or open-ended when a decision on its path has no limit.
 */
public final class MasterEventsList {

  private MasterEventsList() {}

  public record Window(Duration earliest, Duration latest) {

    public boolean fixed() {
      return earliest.equals(latest);
    }

    /** Like {@code T+15m}, {@code T+15m to 25m}, or {@code T+15m or later}. */
    public String label() {
      String start = "T+" + Durations.format(earliest);
      if (latest == null) {
        return start + " or later";
      }
      return fixed() ? start : start + " to " + Durations.format(latest);
    }
  }

  public record Entry(Inject inject, Window window, int order) {}

  public static List<Entry> of(Scenario scenario) {
    Map<String, Inject> askers = new HashMap<>();
    for (Inject inject : scenario.injects()) {
      if (inject.decision() != null) {
        askers.putIfAbsent(inject.decision().id(), inject);
      }
    }
    Map<String, Window> windows = new HashMap<>();
    for (Inject inject : scenario.injects()) {
      window(askers, inject, windows);
    }
    List<Entry> entries = new ArrayList<>();
    List<Inject> injects = scenario.injects();
    for (int i = 0; i < injects.size(); i++) {
      entries.add(new Entry(injects.get(i), windows.get(injects.get(i).id()), i));
    }
    entries.sort(
        Comparator.comparing((Entry e) -> e.window().earliest())
            .thenComparing(
                e -> e.window().latest(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(Entry::order));
    return entries;
  }

  /**
   * {@code askers}: the inject asking each decision, looked up once per branch, not scanned for.
   */
  private static Window window(
      Map<String, Inject> askers, Inject inject, Map<String, Window> windows) {
    Window known = windows.get(inject.id());
    if (known != null) {
      return known;
    }
    Window window;
    if (inject.at() != null) {
      window = new Window(inject.at(), inject.at());
    } else {
      Inject.After after = inject.after();
      Inject asker = askers.get(after.decision());
      Decision decision = asker.decision();
      Window parent = window(askers, asker, windows);
      Duration limit = decision.timeLimit();
      Duration earliest = parent.earliest().plus(after.delay());
      if (after.onTimeout() && after.options().size() == 1) {
        earliest = earliest.plus(limit);
      }
      Duration latest =
          parent.latest() == null || limit == null
              ? null
              : parent.latest().plus(limit).plus(after.delay());
      window = new Window(earliest, latest);
    }
    windows.put(inject.id(), window);
    return window;
  }
}
