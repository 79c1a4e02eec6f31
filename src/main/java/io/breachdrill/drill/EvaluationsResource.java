package io.breachdrill.drill;

import io.breachdrill.account.Roles;
import io.breachdrill.drill.engine.DrillStatus;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The drills an evaluator can rate: every drill that has started, newest first, dry runs aside. */
@Path("/evaluations")
@RolesAllowed(Roles.EVALUATOR)
@Produces(MediaType.TEXT_HTML)
public class EvaluationsResource {

  /** A drill in the list, with its status as people read it. */
  public record Row(Drill drill, String status) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance evaluations(List<Row> drills);
  }

  @GET
  public TemplateInstance list() {
    List<String> started =
        List.of(DrillStatus.RUNNING.key(), DrillStatus.PAUSED.key(), DrillStatus.FINISHED.key());
    List<Row> rows =
        Drill.<Drill>list(
                "status in ?1 and dryRun = false order by createdAt desc, id desc", started)
            .stream()
            .map(d -> new Row(d, DrillStatus.valueOf(d.status.toUpperCase()).label()))
            .toList();
    return Templates.evaluations(rows);
  }
}
