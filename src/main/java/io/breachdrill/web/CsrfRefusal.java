package io.breachdrill.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The CSRF check refuses a form with an empty 400; this says why, so the user knows to reload the
 * page rather than wonder what they typed wrong.
 */
class CsrfRefusal {

  static final String DETAIL =
      "This form was sent without a valid security token, for example from an old tab or another"
          + " site. Nothing was changed. Go back, reload the page and send the form again.";

  private final BarePage page;

  CsrfRefusal(BarePage page) {
    this.page = page;
  }

  @ServerResponseFilter
  void explain(ContainerRequestContext request, ContainerResponseContext response) {
    MediaType type = request.getMediaType();
    if (response.getStatus() == 400
        && !response.hasEntity()
        && type != null
        && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
            || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE))) {
      response.setEntity(page.render(400, "Bad Request", DETAIL), null, MediaType.TEXT_HTML_TYPE);
    }
  }
}
