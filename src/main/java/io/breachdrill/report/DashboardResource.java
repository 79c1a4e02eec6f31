package io.breachdrill.report;

import io.breachdrill.account.Roles;
import io.breachdrill.report.Dashboard.ControlRow;
import io.breachdrill.report.Dashboard.ScoreRow;
import io.breachdrill.report.Dashboard.StepCount;
import io.breachdrill.report.DashboardView.Coverage;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioCatalog;
import io.breachdrill.web.Invalid;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The managers' dashboard: finished drills, trends, the step heat map and what the last year's
 * drills exercised, read from the stored scorecards, with a CSV of every table.
 */
@Path("/dashboard")
@RolesAllowed(Roles.MANAGER)
@Transactional
public class DashboardResource {

  private static final String CSV = "text/csv; charset=UTF-8";

  private final Dashboard dashboard;
  private final ScenarioCatalog catalog;
  private final InstantSource clock;

  DashboardResource(Dashboard dashboard, ScenarioCatalog catalog, InstantSource clock) {
    this.dashboard = dashboard;
    this.catalog = catalog;
    this.clock = clock;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance dashboard(DashboardView view);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response page(
      @QueryParam("scenario") String scenario,
      @QueryParam("team") String team,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    DashboardFilter filter;
    DashboardView.Typed typed;
    String error = null;
    try {
      filter = DashboardFilter.parse(scenario, team, from, to);
      typed = DashboardView.Typed.of(filter);
    } catch (DashboardFilter.BadFilter bad) {
      filter = DashboardFilter.NONE;
      typed = new DashboardView.Typed(scenario, team, from, to);
      error = bad.getMessage();
    }
    List<Scenario> library = catalog.scenarios();
    Instant since = yearAgo();
    DashboardView view =
        DashboardView.of(
            filter,
            typed,
            error,
            library,
            error == null ? dashboard.scores(filter) : List.of(),
            error == null ? dashboard.controls(filter) : List.of(),
            error == null ? dashboard.steps(filter) : List.of(),
            since.atOffset(ZoneOffset.UTC).toLocalDate().toString(),
            dashboard.controlsSince(since),
            dashboard.techniquesSince(since));
    return Response.status(error == null ? 200 : 400).entity(Templates.dashboard(view)).build();
  }

  @GET
  @Path("drills.csv")
  @Produces(CSV)
  public Response drillsCsv(
      @QueryParam("scenario") String scenario,
      @QueryParam("team") String team,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    Csv csv =
        new Csv(
            "drill_id",
            "drill",
            "scenario",
            "team",
            "finished_at",
            "earned",
            "maximum",
            "percentage",
            "adjusted_percentage");
    for (ScoreRow r : dashboard.scores(filter(scenario, team, from, to))) {
      csv.row(
          r.drillId(),
          r.drillTitle(),
          r.scenarioId(),
          r.teamName(),
          r.finishedAt(),
          r.earned(),
          r.maximum(),
          r.percentage(),
          r.adjustedPercentage());
    }
    return attachment("drills.csv", csv);
  }

  @GET
  @Path("controls.csv")
  @Produces(CSV)
  public Response controlsCsv(
      @QueryParam("scenario") String scenario,
      @QueryParam("team") String team,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    Csv csv =
        new Csv(
            "drill_id",
            "drill",
            "scenario",
            "team",
            "finished_at",
            "control",
            "earned",
            "maximum",
            "percentage");
    for (ControlRow r : dashboard.controls(filter(scenario, team, from, to))) {
      csv.row(
          r.drillId(),
          r.drillTitle(),
          r.scenarioId(),
          r.teamName(),
          r.finishedAt(),
          r.control(),
          r.earned(),
          r.maximum(),
          r.percentage());
    }
    return attachment("controls.csv", csv);
  }

  @GET
  @Path("steps.csv")
  @Produces(CSV)
  public Response stepsCsv(
      @QueryParam("scenario") String scenario,
      @QueryParam("team") String team,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    Csv csv =
        new Csv(
            "scenario", "step", "title", "team", "on_time", "late", "missed", "harmed", "drills");
    for (StepCount r : dashboard.steps(filter(scenario, team, from, to))) {
      csv.row(
          r.scenarioId(),
          r.stepId(),
          r.title(),
          r.teamName(),
          r.onTime(),
          r.late(),
          r.missed(),
          r.harmed(),
          r.total());
    }
    return attachment("steps.csv", csv);
  }

  /** Coverage is always over the last twelve months of all drills, so it takes no filter. */
  @GET
  @Path("coverage.csv")
  @Produces(CSV)
  public Response coverageCsv() {
    Instant since = yearAgo();
    List<Scenario> library = catalog.scenarios();
    DashboardView view =
        DashboardView.of(
            DashboardFilter.NONE,
            DashboardView.Typed.of(DashboardFilter.NONE),
            null,
            library,
            List.of(),
            List.of(),
            List.of(),
            "",
            dashboard.controlsSince(since),
            dashboard.techniquesSince(since));
    Csv csv = new Csv("kind", "id", "in_library", "drills_last_12_months");
    for (Coverage c : view.controls()) {
      csv.row("control", c.id(), c.inLibrary(), c.drills());
    }
    for (Coverage c : view.techniques()) {
      csv.row("technique", c.id(), c.inLibrary(), c.drills());
    }
    return attachment("coverage.csv", csv);
  }

  private Instant yearAgo() {
    return clock.instant().atOffset(ZoneOffset.UTC).minusMonths(12).toInstant();
  }

  private static DashboardFilter filter(String scenario, String team, String from, String to) {
    try {
      return DashboardFilter.parse(scenario, team, from, to);
    } catch (DashboardFilter.BadFilter bad) {
      throw new Invalid(bad.getMessage());
    }
  }

  private static Response attachment(String name, Csv csv) {
    return Response.ok(csv.toString(), CSV)
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .build();
  }
}
