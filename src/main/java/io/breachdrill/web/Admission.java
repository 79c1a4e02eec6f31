package io.breachdrill.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admission control: a node answers at most so many requests at once and refuses the rest at once
 * with 503 and Retry-After. Without the bound an overloaded node queues requests until clients time
 * out, retry on new connections and exhaust its file descriptors; with it, it sheds what it cannot
 * serve and keeps serving the rest in time. Live streams are not counted: each is one long request
 * per open page, bounded by the participants, and refusing one only makes its browser come back.
 */
@ApplicationScoped
class Admission {

  /** Before anything else looks at the request: a refused request should cost next to nothing. */
  static final int FIRST = -10;

  static final String RETRY_AFTER_SECONDS = "1";

  private final int limit;
  private final BarePage page;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter refused;

  Admission(
      @ConfigProperty(name = "breachdrill.http.max-in-flight") int limit,
      BarePage page,
      MeterRegistry metrics) {
    this.limit = limit;
    this.page = page;
    this.refused =
        Counter.builder("breachdrill.http.refused")
            .description("Requests answered 503 because the node had too many in flight")
            .register(metrics);
    Gauge.builder("breachdrill.http.in.flight", inFlight, AtomicInteger::get)
        .description("Requests being answered now, live streams not counted")
        .register(metrics);
  }

  void install(@Observes Router router) {
    router.route().order(FIRST).handler(this::admit);
  }

  private void admit(RoutingContext context) {
    if (isStream(context)) {
      context.next();
      return;
    }
    if (inFlight.incrementAndGet() > limit) {
      inFlight.decrementAndGet();
      refused.increment();
      refuse(context);
      return;
    }
    // Called once whether the response ends or the connection closes first.
    context.addEndHandler(done -> inFlight.decrementAndGet());
    context.next();
  }

  private static boolean isStream(RoutingContext context) {
    return context.request().path().endsWith("/stream");
  }

  private void refuse(RoutingContext context) {
    String detail = "The server is busy. Try again in a moment.";
    var response =
        context
            .response()
            .setStatusCode(503)
            .putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (context.request().path().startsWith("/api/")) {
      response
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
          .end(
              "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                  + "\"detail\":\""
                  + detail
                  + "\"}");
      return;
    }
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
        .end(page.render(503, "Service Unavailable", detail));
  }
}
