package io.breachdrill.report;

import io.breachdrill.account.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Managers track every improvement-plan item of every drill until it is closed. */
@Path("/improvements")
@RolesAllowed(Roles.MANAGER)
@Produces(MediaType.TEXT_HTML)
public class ImprovementsResource {

  private final ImprovementPlan plan;

  ImprovementsResource(ImprovementPlan plan) {
    this.plan = plan;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance improvements(
        List<ImprovementPlan.OpenItem> items,
        String status,
        String control,
        List<String> controls,
        List<String> statuses);
  }

  @GET
  public TemplateInstance list(
      @QueryParam("status") String status, @QueryParam("control") String control) {
    String wantedStatus = status == null ? "" : status.strip();
    String wantedControl = control == null ? "" : control.strip();
    return Templates.improvements(
        plan.open(wantedStatus, wantedControl),
        wantedStatus,
        wantedControl,
        plan.openControls(),
        List.of(
            ImprovementPlan.Status.OPEN.key(),
            ImprovementPlan.Status.IN_PROGRESS.key(),
            ImprovementPlan.Status.CLOSED.key()));
  }
}
