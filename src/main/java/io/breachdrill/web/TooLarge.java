package io.breachdrill.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request body over the size limit with a page or problem body that says so. The limit is
 * enforced by the HTTP layer before any resource runs, so this sits on the router.
 */
@ApplicationScoped
class TooLarge {

  /** After the security headers are set, just before Quarkus would answer 413 with no body. */
  static final int BEFORE_QUARKUS_LIMIT = -3;

  private final long limit;
  private final BarePage page;

  TooLarge(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, BarePage page) {
    this.limit = limit.asLongValue();
    this.page = page;
  }

  void install(@Observes Router router) {
    router.route().order(BEFORE_QUARKUS_LIMIT).handler(this::check);
  }

  private void check(RoutingContext context) {
    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null
        || !length.chars().allMatch(Character::isDigit)
        || length.length() > 18
        || Long.parseLong(length) <= limit) {
      context.next();
      return;
    }
    // The rest of the body is not read; the connection closes once the answer is sent.
    context.response().putHeader(HttpHeaders.CONNECTION, "close");
    String detail =
        "The request is too large: this server accepts at most "
            + (limit / (1024 * 1024))
            + " MB. Send less at a time.";
    if (context.request().path().startsWith("/api/")) {
      context
          .response()
          .setStatusCode(413)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
          .end(
              "{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,\"detail\":\""
                  + detail
                  + "\"}");
      return;
    }
    context
        .response()
        .setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
        .end(page.render(413, "Content Too Large", detail));
  }
}
