package io.breachdrill.account;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The audit log for admins: read and filter only; the app offers no way to change it. */
@Path("/admin/audit")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AuditResource {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance audit(
        AuditQuery query,
        List<AuditEntry> entries,
        List<AuditAction> actions,
        String next,
        String error);
  }

  @GET
  public Response list(
      @QueryParam("action") String action,
      @QueryParam("actor") String actor,
      @QueryParam("subject") String subject,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("before") Long before) {
    AuditQuery query = new AuditQuery(action, actor, subject, from, to, before);
    List<AuditAction> actions = List.of(AuditAction.values());
    try {
      List<AuditEntry> entries = query.run();
      String next =
          entries.size() == AuditQuery.PAGE
              ? query.nextPage(entries.get(entries.size() - 1).id)
              : null;
      return Response.ok(Templates.audit(query, entries, actions, next, null)).build();
    } catch (UserChange refused) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Templates.audit(query, List.of(), actions, null, refused.getMessage()))
          .build();
    }
  }
}
