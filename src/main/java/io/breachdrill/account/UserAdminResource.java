package io.breachdrill.account;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Admin pages to invite or create users, change their roles, and disable or enable them. */
@Path("/admin/users")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class UserAdminResource {

  private final UserAdmin users;
  private final Viewer viewer;

  UserAdminResource(UserAdmin users, Viewer viewer) {
    this.users = users;
    this.viewer = viewer;
  }

  /** What the new-user form holds, to show it again with an error. */
  public record UserForm(String email, String displayName, Set<Role> roles) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(List<User> users);

    static native TemplateInstance create(UserForm form, List<Role> allRoles, String error);

    static native TemplateInstance show(
        User user, List<Role> allRoles, String invitationLink, String error);
  }

  @GET
  public TemplateInstance list() {
    return Templates.list(User.list("order by email"));
  }

  @GET
  @Path("new")
  public TemplateInstance form() {
    return Templates.create(new UserForm("", "", EnumSet.noneOf(Role.class)), allRoles(), null);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response create(
      @FormParam("email") String email,
      @FormParam("displayName") String displayName,
      @FormParam("roles") List<String> roles,
      @FormParam("password") String password,
      @Context UriInfo uri) {
    UserForm form = new UserForm(email, displayName, EnumSet.noneOf(Role.class));
    try {
      Set<Role> chosen = parseRoles(roles);
      form = new UserForm(email, displayName, chosen);
      UserAdmin.Created created = users.create(viewer, email, displayName, chosen, password);
      if (created.invitation().isEmpty()) {
        return Response.seeOther(URI.create("/admin/users/" + created.user().id)).build();
      }
      return Response.status(Response.Status.CREATED)
          .location(URI.create("/admin/users/" + created.user().id))
          .entity(
              Templates.show(
                  created.user(), allRoles(), link(uri, created.invitation().get()), null))
          .build();
    } catch (UserChange refused) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Templates.create(form, allRoles(), refused.getMessage()))
          .build();
    }
  }

  @GET
  @Path("{id}")
  public TemplateInstance show(@PathParam("id") long id) {
    return Templates.show(User.require(id), allRoles(), null, null);
  }

  @POST
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response update(
      @PathParam("id") long id,
      @FormParam("displayName") String displayName,
      @FormParam("roles") List<String> roles) {
    return change(id, () -> users.update(viewer, id, displayName, parseRoles(roles)));
  }

  @POST
  @Path("{id}/disable")
  public Response disable(@PathParam("id") long id) {
    return change(id, () -> users.disable(viewer, id));
  }

  @POST
  @Path("{id}/enable")
  public Response enable(@PathParam("id") long id) {
    return change(id, () -> users.enable(viewer, id));
  }

  /** Shows a fresh invitation link once; it is stored only as a hash. */
  @POST
  @Path("{id}/invitation")
  public TemplateInstance invite(@PathParam("id") long id, @Context UriInfo uri) {
    String token = users.invite(viewer, id);
    return Templates.show(User.require(id), allRoles(), link(uri, token), null);
  }

  private Response change(long id, Runnable change) {
    try {
      change.run();
      return Response.seeOther(URI.create("/admin/users/" + id)).build();
    } catch (UserChange refused) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Templates.show(User.require(id), allRoles(), null, refused.getMessage()))
          .build();
    }
  }

  private static Set<Role> parseRoles(List<String> keys) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String key : keys == null ? List.<String>of() : keys) {
      roles.add(Role.byKey(key).orElseThrow(() -> new UserChange("There is no role " + key + ".")));
    }
    return roles;
  }

  private static List<Role> allRoles() {
    return List.of(Role.values());
  }

  private static String link(UriInfo uri, String token) {
    return uri.getBaseUriBuilder().path("invite").path(token).build().toString();
  }
}
