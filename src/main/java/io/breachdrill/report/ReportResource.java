package io.breachdrill.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breachdrill.account.Roles;
import io.breachdrill.account.User;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.Drill;
import io.breachdrill.drill.Drills;
import io.breachdrill.drill.engine.DrillStatus;
import io.breachdrill.report.AfterActionReport.PlanItem;
import io.breachdrill.scoring.Scorecard;
import io.breachdrill.scoring.Scorer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A drill's after-action report and its exports, for the same readers as its scorecard: the
 * facilitator who runs it, evaluators and managers. The improvement plan is edited here too.
 */
@Path("/drills/{drill}")
@RolesAllowed({Roles.FACILITATOR, Roles.EVALUATOR, Roles.MANAGER})
public class ReportResource {

  private final Drills drills;
  private final Viewer viewer;
  private final ImprovementPlan plan;
  private final ObjectMapper json;

  ReportResource(Drills drills, Viewer viewer, ImprovementPlan plan, ObjectMapper json) {
    this.drills = drills;
    this.viewer = viewer;
    this.plan = plan;
    this.json = json;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance report(
        AfterActionReport report, boolean facilitator, boolean manager, List<String> statuses);

    static native TemplateInstance pdf(AfterActionReport report);
  }

  @GET
  @Path("report")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance page(@PathParam("drill") long drillId) {
    AfterActionReport report = report(drillId);
    return Templates.report(
        report,
        isFacilitator(report),
        viewer.has(Roles.MANAGER),
        List.of(
            ImprovementPlan.Status.OPEN.key(),
            ImprovementPlan.Status.IN_PROGRESS.key(),
            ImprovementPlan.Status.CLOSED.key()));
  }

  @GET
  @Path("report.pdf")
  @Produces("application/pdf")
  public Response pdf(@PathParam("drill") long drillId) {
    AfterActionReport report = report(drillId);
    byte[] pdf = ReportExports.pdf(Templates.pdf(report).render());
    return attachment(pdf, "application/pdf", report, "pdf");
  }

  @GET
  @Path("report.md")
  @Produces("text/markdown")
  public Response markdown(@PathParam("drill") long drillId) {
    AfterActionReport report = report(drillId);
    return attachment(
        ReportExports.markdown(report).getBytes(StandardCharsets.UTF_8),
        "text/markdown; charset=utf-8",
        report,
        "md");
  }

  @GET
  @Path("report.csv")
  @Produces("text/csv")
  public Response csv(@PathParam("drill") long drillId) {
    AfterActionReport report = report(drillId);
    return attachment(
        ReportExports.csv(report).getBytes(StandardCharsets.UTF_8),
        "text/csv; charset=utf-8",
        report,
        "csv");
  }

  @GET
  @Path("report.json")
  @Produces(MediaType.APPLICATION_JSON)
  public Response json(@PathParam("drill") long drillId) throws JsonProcessingException {
    AfterActionReport report = report(drillId);
    return attachment(json.writeValueAsBytes(report), MediaType.APPLICATION_JSON, report, "json");
  }

  @POST
  @Path("report/items/{item}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Roles.FACILITATOR)
  public Response edit(
      @PathParam("drill") long drillId,
      @PathParam("item") long itemId,
      @FormParam("issue") String issue,
      @FormParam("action") String action,
      @FormParam("control") String control,
      @FormParam("owner") String owner,
      @FormParam("due") String due,
      @FormParam("status") String status) {
    plan.edit(
        viewer,
        drillId,
        itemId,
        new ImprovementPlan.Edit(issue, action, control, owner, due, status));
    return Response.seeOther(URI.create("/drills/" + drillId + "/report#item-" + itemId)).build();
  }

  @POST
  @Path("report/items/{item}/status")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Roles.FACILITATOR, Roles.MANAGER})
  public Response status(
      @PathParam("drill") long drillId,
      @PathParam("item") long itemId,
      @FormParam("status") String status,
      @FormParam("from") String from) {
    plan.status(viewer, drillId, itemId, status);
    String back =
        "improvements".equals(from)
            ? "/improvements"
            : "/drills/" + drillId + "/report#item-" + itemId;
    return Response.seeOther(URI.create(back)).build();
  }

  /**
   * Reads the drill, scores it, and (once it has finished) seeds its improvement plan; a dry run's
   * report has no plan, so nothing of it reaches the managers' list of open items.
   */
  AfterActionReport report(long drillId) {
    Drills.Snapshot snapshot = drills.readable(viewer, drillId);
    Scorecard card = Scorer.score(snapshot.scenario(), snapshot.state());
    boolean finished = snapshot.state().status() == DrillStatus.FINISHED;
    User facilitator = User.findById(snapshot.drill().facilitatorId);
    AfterActionReport report =
        Reports.build(
            new Reports.Drill(
                drillId,
                snapshot.drill().title,
                snapshot.state().status().label(),
                finished,
                facilitator == null ? "" : facilitator.displayName),
            snapshot.scenario(),
            snapshot.state(),
            snapshot.events(),
            card);
    List<PlanItem> items =
        finished && !snapshot.drill().dryRun
            ? plan.seeded(viewer, drillId, Reports.drafts(snapshot.scenario(), report.findings()))
            : plan.current(drillId);
    return report.withPlan(items);
  }

  private boolean isFacilitator(AfterActionReport report) {
    Drill drill = Drill.findById(report.drillId());
    return viewer.has(Roles.FACILITATOR)
        && viewer.user().isPresent()
        && drill.runBy(viewer.requireUser().id());
  }

  private static Response attachment(
      byte[] body, String type, AfterActionReport report, String extension) {
    return Response.ok(body, type)
        .header(
            "Content-Disposition",
            "attachment; filename=\"drill-" + report.drillId() + "-report." + extension + "\"")
        .build();
  }
}
