package io.breachdrill.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error, mapped in one place: an RFC 9457 problem body for the JSON API, a page in our layout
 * for browsers. No stack trace ever reaches a user; unexpected failures get an id to quote.
 */
public class ErrorMappers {

  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
  static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance error(int status, String title, String detail);
  }

  /** An RFC 9457 problem detail. */
  public record Problem(String type, String title, int status, String detail, String instance) {}

  /** How soon a client may try again while the database is away. */
  static final String RETRY_AFTER_DATABASE_SECONDS = "5";

  private final BarePage bare;

  ErrorMappers(BarePage bare) {
    this.bare = bare;
  }

  @ServerExceptionMapper
  Uni<Response> webApplication(WebApplicationException e, UriInfo uri) {
    Response.StatusType status = e.getResponse().getStatusInfo();
    boolean written =
        e instanceof Missing || e instanceof Gone || e instanceof Invalid || e instanceof Conflict;
    String detail = written ? e.getMessage() : describe(status.getStatusCode());
    return respond(status.getStatusCode(), status.getReasonPhrase(), detail, uri);
  }

  /** Nobody signed in: browsers go to the sign-in page and come back; the API answers 401. */
  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  Response unauthorized(UriInfo uri, Request request) {
    if (isApi(uri.getPath())) {
      return render(401, "Unauthorized", "Sign in to use the API.", uri);
    }
    String back = uri.getRequestUri().getRawPath();
    String query = uri.getRequestUri().getRawQuery();
    if (query != null) {
      back += "?" + query;
    }
    String target =
        "GET".equals(request.getMethod())
            ? "/login?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8)
            : "/login";
    return Response.seeOther(URI.create(target)).build();
  }

  @ServerExceptionMapper
  Uni<Response> forbidden(ForbiddenException e, UriInfo uri) {
    String detail =
        e.getMessage() == null || e.getMessage().isBlank()
            ? "Your account or team does not give you access to this."
            : e.getMessage();
    return respond(403, "Forbidden", detail, uri);
  }

  @ServerExceptionMapper
  Uni<Response> unexpected(RuntimeException e, UriInfo uri) {
    if (DatabaseAway.causes(e)) {
      // Readiness and the event listener report the outage once; this is every request in it.
      LOG.debugf(e, "The database is away; %s answered 503", uri.getPath());
      return Uni.createFrom().item(databaseAway(uri));
    }
    String incident = UUID.randomUUID().toString();
    LOG.errorf(e, "Unexpected failure %s on %s", incident, uri.getPath());
    return respond(
        500,
        "Internal Server Error",
        "Something went wrong on our side. Quote incident " + incident + " when you report it.",
        uri);
  }

  /** Rendered without the database: the usual page names who is signed in, which reads it. */
  private Response databaseAway(UriInfo uri) {
    String detail =
        "The database is not answering just now. Nothing is lost; try again in a moment.";
    Response.ResponseBuilder response =
        Response.status(503)
            .header("Retry-After", RETRY_AFTER_DATABASE_SECONDS)
            .header("Cache-Control", "no-store");
    if (isApi(uri.getPath())) {
      return response
          .type(PROBLEM_JSON)
          .entity(new Problem("about:blank", "Service Unavailable", 503, detail, uri.getPath()))
          .build();
    }
    return response
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(bare.render(503, "Service Unavailable", detail))
        .build();
  }

  private static boolean isApi(String path) {
    return path.startsWith("/api/") || path.equals("/api");
  }

  private static String describe(int status) {
    return switch (status) {
      case 400 -> "The request could not be understood.";
      case 403 -> "Your account or team does not give you access to this.";
      case 404 -> "There is nothing at this address.";
      case 405 -> "This address does not accept that kind of request.";
      case 406 -> "This address cannot answer in the format asked for.";
      case 409 -> "This cannot be done in the current state.";
      case 410 -> "This is no longer available.";
      case 413 -> "The request is too large.";
      case 415 -> "This address does not accept that content type.";
      default -> "The request could not be completed.";
    };
  }

  /**
   * The page names who is signed in, which may need the database, so it is rendered on a worker
   * thread: a 404 for an address no route matches is handled on the event loop.
   */
  private static Uni<Response> respond(int status, String title, String detail, UriInfo uri) {
    return Uni.createFrom()
        .item(() -> render(status, title, detail, uri))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  private static Response render(int status, String title, String detail, UriInfo uri) {
    String path = uri.getPath();
    if (isApi(path)) {
      return Response.status(status)
          .type(PROBLEM_JSON)
          .entity(new Problem("about:blank", title, status, detail, path))
          .build();
    }
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(Templates.error(status, title, detail).render())
        .build();
  }
}
