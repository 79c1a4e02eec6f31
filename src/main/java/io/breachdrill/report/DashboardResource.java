package io.breachdrill.report;

import io.breachdrill.account.Roles;
import io.breachdrill.report.Dashboard.StepCount;
import io.breachdrill.report.DashboardView.Coverage;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
  public Response page(@BeanParam DashboardQuery query, @QueryParam("page") String page) {
    DashboardFilter filter;
    DashboardView.Typed typed;
    int number = 1;
    String error = null;
    try {
      filter = query.parse();
      typed = DashboardView.Typed.of(filter);
      number = DashboardFilter.page(page);
    } catch (DashboardFilter.BadFilter bad) {
      filter = DashboardFilter.NONE;
      typed = query.typed();
      error = bad.getMessage();
    }
    Dashboard.DrillPage drills = error == null ? dashboard.drills(filter, number) : NO_DRILLS;
    Instant since = yearAgo();
    DashboardView view =
        DashboardView.of(
            filter,
            typed,
            error,
            catalog.scenarios(),
            drills,
            error == null ? dashboard.trend(filter, drills.scores()) : NO_TREND,
            error == null ? dashboard.steps(filter) : List.of(),
            since.atOffset(ZoneOffset.UTC).toLocalDate().toString(),
            dashboard.controlsSince(since),
            dashboard.techniquesSince(since));
    int status = error != null ? 400 : drills.exists() ? 200 : 404;
    return Response.status(status).entity(Templates.dashboard(view)).build();
  }

  private static final Dashboard.DrillPage NO_DRILLS =
      new Dashboard.DrillPage(1, 1, 1, 0, 0, List.of());
  private static final Dashboard.Trend NO_TREND = new Dashboard.Trend(false, List.of(), Map.of());

  @GET
  @Path("drills.csv")
  @Produces(CSV)
  public Response drillsCsv(@BeanParam DashboardQuery query) {
    DashboardFilter filter = query.checked();
    return streamed(
        "drills.csv",
        List.of(
            "drill_id",
            "drill",
            "scenario",
            "team",
            "finished_at",
            "earned",
            "maximum",
            "percentage",
            "adjusted_percentage"),
        line ->
            dashboard.eachScore(
                filter,
                r ->
                    line.accept(
                        Arrays.asList(
                            r.drillId(),
                            r.drillTitle(),
                            r.scenarioId(),
                            r.teamName(),
                            r.finishedAt(),
                            r.earned(),
                            r.maximum(),
                            r.percentage(),
                            r.adjustedPercentage()))));
  }

  @GET
  @Path("controls.csv")
  @Produces(CSV)
  public Response controlsCsv(@BeanParam DashboardQuery query) {
    DashboardFilter filter = query.checked();
    return streamed(
        "controls.csv",
        List.of(
            "drill_id",
            "drill",
            "scenario",
            "team",
            "finished_at",
            "control",
            "earned",
            "maximum",
            "percentage"),
        line ->
            dashboard.eachControl(
                filter,
                r ->
                    line.accept(
                        Arrays.asList(
                            r.drillId(),
                            r.drillTitle(),
                            r.scenarioId(),
                            r.teamName(),
                            r.finishedAt(),
                            r.control(),
                            r.earned(),
                            r.maximum(),
                            r.percentage()))));
  }

  @GET
  @Path("steps.csv")
  @Produces(CSV)
  public Response stepsCsv(@BeanParam DashboardQuery query) {
    Csv csv =
        new Csv(
            "scenario", "step", "title", "team", "on_time", "late", "missed", "harmed", "drills");
    for (StepCount r : dashboard.steps(query.checked())) {
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
            NO_DRILLS,
            NO_TREND,
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

  /**
   * A CSV written while its rows are read, in a transaction of its own (the response is written
   * after this resource's method returns): an export of every drill never sits in memory whole. The
   * filter was checked before, so a bad one still gets its 400.
   */
  private static Response streamed(
      String name, List<String> header, Consumer<Consumer<List<?>>> rows) {
    StreamingOutput body =
        output -> {
          Writer writer =
              new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
          Consumer<List<?>> line =
              fields -> {
                try {
                  writer.write(csvLine(fields));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              };
          line.accept(header);
          QuarkusTransaction.requiringNew().run(() -> rows.accept(line));
          writer.flush();
        };
    return Response.ok(body, CSV)
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .build();
  }

  /** One record as {@link Csv} writes it. */
  private static String csvLine(List<?> fields) {
    StringBuilder line = new StringBuilder(128);
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(Csv.field(fields.get(i)));
    }
    return line.append("\r\n").toString();
  }

  private static Response attachment(String name, Csv csv) {
    return Response.ok(csv.toString(), CSV)
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .build();
  }
}
