package io.breachdrill.drill;

import io.breachdrill.account.SignedInUser;
import io.breachdrill.account.User;
import io.breachdrill.drill.engine.Speed;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** In dev mode, a drill for the demo facilitator, so join links can be tried at once. */
@ApplicationScoped
class DemoDrill {

  static final String FACILITATOR = "facilitator@example.com";

  private final boolean demoData;
  private final Drills drills;

  DemoDrill(
      @ConfigProperty(name = "breachdrill.demo-data", defaultValue = "false") boolean demoData,
      Drills drills) {
    this.demoData = demoData;
    this.drills = drills;
  }

  @Transactional
  void onStart(@Observes @Priority(2100) StartupEvent event) {
    if (!demoData || Drill.count() > 0) {
      return;
    }
    User.byEmail(FACILITATOR).ifPresent(this::seed);
  }

  private void seed(User facilitator) {
    SignedInUser user =
        new SignedInUser(facilitator.id, facilitator.email, facilitator.displayName, Set.of());
    drills.create(
        user,
        "weights-walkout",
        "Demo drill: model weights walk out",
        List.of("Blue team", "Green team"),
        Speed.NORMAL);
  }
}
