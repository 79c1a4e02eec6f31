package io.breachdrill.drill;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * A node whose LISTEN connection is down serves live pages that miss what other nodes append, so a
 * load balancer should send people elsewhere until it has reconnected.
 */
@Readiness
@ApplicationScoped
class EventListenerReadiness implements HealthCheck {

  static final String NAME = "Drill event listener";

  private final EventListener listener;

  EventListenerReadiness(EventListener listener) {
    this.listener = listener;
  }

  @Override
  public HealthCheckResponse call() {
    if (listener.listening()) {
      return HealthCheckResponse.named(NAME).up().build();
    }
    return HealthCheckResponse.named(NAME)
        .down()
        .withData(
            "reason",
            "no LISTEN connection to PostgreSQL: live pages on this node miss other nodes' events"
                + " until it reconnects")
        .build();
  }
}
