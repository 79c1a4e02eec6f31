package io.breachdrill.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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

  @ServerExceptionMapper
  Response webApplication(WebApplicationException e, UriInfo uri) {
    Response.StatusType status = e.getResponse().getStatusInfo();
    String detail = e instanceof Missing ? e.getMessage() : describe(status.getStatusCode());
    return respond(status.getStatusCode(), status.getReasonPhrase(), detail, uri);
  }

  @ServerExceptionMapper
  Response unexpected(RuntimeException e, UriInfo uri) {
    String incident = UUID.randomUUID().toString();
    LOG.errorf(e, "Unexpected failure %s on %s", incident, uri.getPath());
    return respond(
        500,
        "Internal Server Error",
        "Something went wrong on our side. Quote incident " + incident + " when you report it.",
        uri);
  }

  private static String describe(int status) {
    return switch (status) {
      case 400 -> "The request could not be understood.";
      case 404 -> "There is nothing at this address.";
      case 405 -> "This address does not accept that kind of request.";
      case 406 -> "This address cannot answer in the format asked for.";
      case 413 -> "The request is too large.";
      case 415 -> "This address does not accept that content type.";
      default -> "The request could not be completed.";
    };
  }

  private static Response respond(int status, String title, String detail, UriInfo uri) {
    String path = uri.getPath();
    if (path.startsWith("/api/") || path.equals("/api")) {
      return Response.status(status)
          .type(PROBLEM_JSON)
          .entity(new Problem("about:blank", title, status, detail, path))
          .build();
    }
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(Templates.error(status, title, detail))
        .build();
  }
}
