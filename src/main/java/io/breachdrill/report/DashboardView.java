package io.breachdrill.report;

import io.breachdrill.report.Dashboard.Exercised;
import io.breachdrill.report.Dashboard.StepCount;
import io.breachdrill.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Everything the dashboard page shows, computed from the stored rows the queries returned. */
public record DashboardView(
    DashboardFilter filter,
    Typed typed,
    String error,
    List<Option> scenarios,
    Dashboard.DrillPage drills,
    List<PageLink> pages,
    DashboardChart overall,
    List<DashboardChart> byControl,
    List<String> heatTeams,
    List<HeatRow> heatRows,
    String since,
    List<Coverage> controls,
    List<Coverage> techniques) {

  /** The filter's fields as the manager typed them, shown again beside any error. */
  public record Typed(String scenario, String team, String from, String to) {

    static Typed of(DashboardFilter filter) {
      return new Typed(
          filter.scenario(),
          filter.team(),
          filter.from() == null ? null : filter.from().toString(),
          filter.to() == null ? null : filter.to().toString());
    }
  }

  /** A scenario in the filter's list. */
  public record Option(String id, String title, boolean selected) {}

  /**
   * A link of the drills table's page navigation, keeping the filter; a gap ({@code page} 0) stands
   * for the pages left out between.
   */
  public record PageLink(int page, String href, boolean current) {

    public boolean gap() {
      return page == 0;
    }
  }

  /** One playbook step across the teams of the heat map. */
  public record HeatRow(String scenarioId, String stepId, String title, List<HeatCell> cells) {}

  /**
   * One team's record on one step: the counts as text, and a shade (0 to 4) for the share done on
   * time, or -1 when the team never played it.
   */
  public record HeatCell(String team, StepCount count, int shade) {

    public String shadeClass() {
      return shade < 0 ? "heat-none" : "heat-" + shade;
    }

    /** What the cell says; one expression per cell, since the map can have thousands. */
    public String text() {
      return count == null
          ? "not played"
          : count.onTime()
              + " on time, "
              + count.late()
              + " late, "
              + count.missed()
              + " missed, "
              + count.harmed()
              + " harmed";
    }
  }

  /** A control area or technique: in the library, and in how many drills of the last year. */
  public record Coverage(String id, boolean inLibrary, long drills) {

    public boolean exercised() {
      return drills > 0;
    }
  }

  static DashboardView of(
      DashboardFilter filter,
      Typed typed,
      String error,
      List<Scenario> library,
      Dashboard.DrillPage drills,
      Dashboard.Trend trend,
      List<StepCount> steps,
      String since,
      List<Exercised> controlsExercised,
      List<Exercised> techniquesExercised) {
    Set<String> scenarioIds = new TreeSet<>();
    library.forEach(s -> scenarioIds.add(s.id()));
    steps.forEach(s -> scenarioIds.add(s.scenarioId()));
    drills.rows().forEach(s -> scenarioIds.add(s.scenarioId()));
    Map<String, String> titles = new LinkedHashMap<>();
    library.forEach(s -> titles.put(s.id(), s.title()));
    List<Option> options =
        scenarioIds.stream()
            .map(id -> new Option(id, titles.getOrDefault(id, id), id.equals(typed.scenario())))
            .toList();

    DashboardChart overall =
        DashboardChart.of("trend-overall", "Score of each team over time", trend.overall());
    List<DashboardChart> byControl = new ArrayList<>();
    for (Map.Entry<String, List<DashboardChart.Sample>> control :
        new TreeMap<>(trend.byControl()).entrySet()) {
      byControl.add(
          DashboardChart.of(
              "trend-" + control.getKey(),
              "Score in " + control.getKey() + " over time",
              control.getValue()));
    }

    List<String> teams = steps.stream().map(StepCount::teamName).distinct().sorted().toList();
    Map<String, Map<String, StepCount>> byStep = new LinkedHashMap<>();
    Map<String, StepCount> firstOfStep = new LinkedHashMap<>();
    for (StepCount count : steps) {
      String key = count.scenarioId() + "/" + count.stepId();
      byStep.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(count.teamName(), count);
      firstOfStep.putIfAbsent(key, count);
    }
    List<HeatRow> heatRows = new ArrayList<>();
    for (Map.Entry<String, Map<String, StepCount>> step : byStep.entrySet()) {
      StepCount first = firstOfStep.get(step.getKey());
      List<HeatCell> cells =
          teams.stream().map(team -> cell(team, step.getValue().get(team))).toList();
      heatRows.add(new HeatRow(first.scenarioId(), first.stepId(), first.title(), cells));
    }

    return new DashboardView(
        filter,
        typed,
        error,
        options,
        drills,
        pageLinks(filter, drills),
        overall,
        List.copyOf(byControl),
        teams,
        List.copyOf(heatRows),
        since,
        coverage(library.stream().flatMap(s -> s.controls().stream()).toList(), controlsExercised),
        coverage(
            library.stream().flatMap(s -> s.techniques().stream()).toList(), techniquesExercised));
  }

  /** First, last, and the two pages either side of the current one, with gaps between. */
  private static List<PageLink> pageLinks(DashboardFilter filter, Dashboard.DrillPage drills) {
    List<PageLink> links = new ArrayList<>();
    if (drills.pages() <= 1) {
      return links;
    }
    int previous = 0;
    for (int page = 1; page <= drills.pages(); page++) {
      boolean near = Math.abs(page - drills.page()) <= 2;
      if (page == 1 || page == drills.pages() || near) {
        if (page > previous + 1) {
          links.add(new PageLink(0, "", false));
        }
        links.add(new PageLink(page, "/dashboard" + filter.pageQuery(page), page == drills.page()));
        previous = page;
      }
    }
    return links;
  }

  public String previousPage() {
    return drills.page() > 1 ? "/dashboard" + filter.pageQuery(drills.page() - 1) : null;
  }

  public String nextPage() {
    return drills.page() < drills.pages()
        ? "/dashboard" + filter.pageQuery(drills.page() + 1)
        : null;
  }

  public String lastPage() {
    return "/dashboard" + filter.pageQuery(drills.pages());
  }

  private static HeatCell cell(String team, StepCount count) {
    if (count == null || count.total() == 0) {
      return new HeatCell(team, null, -1);
    }
    int shade = (int) Math.round(4.0 * count.onTime() / count.total());
    return new HeatCell(team, count, shade);
  }

  private static List<Coverage> coverage(List<String> library, List<Exercised> exercised) {
    Map<String, Long> counts =
        exercised.stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    Exercised::id, Exercised::drills, (a, b) -> a + b, TreeMap::new));
    Set<String> inLibrary = new TreeSet<>(library);
    Set<String> all = new TreeSet<>(inLibrary);
    all.addAll(counts.keySet());
    return all.stream()
        .map(id -> new Coverage(id, inLibrary.contains(id), counts.getOrDefault(id, 0L)))
        .toList();
  }

  /** Entries no drill of the last twelve months exercised. */
  public List<Coverage> unexercised(List<Coverage> items) {
    return items.stream().filter(c -> !c.exercised()).toList();
  }
}
