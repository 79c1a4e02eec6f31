package io.breachdrill.drill;

import io.breachdrill.account.User;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.InstantSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** In dev mode, a drill for the demo facilitator, so join links can be tried at once. */
@ApplicationScoped
class DemoDrill {

  static final String FACILITATOR = "facilitator@example.com";

  private final boolean demoData;
  private final InstantSource clock;

  DemoDrill(
      @ConfigProperty(name = "breachdrill.demo-data", defaultValue = "false") boolean demoData,
      InstantSource clock) {
    this.demoData = demoData;
    this.clock = clock;
  }

  @Transactional
  void onStart(@Observes @Priority(2100) StartupEvent event) {
    if (!demoData || Drill.count() > 0) {
      return;
    }
    User.byEmail(FACILITATOR).ifPresent(this::seed);
  }

  private void seed(User facilitator) {
    Drill drill = new Drill();
    drill.title = "Demo drill: model weights walk out";
    drill.scenarioId = "weights-walkout";
    drill.facilitatorId = facilitator.id;
    drill.createdAt = clock.instant();
    drill.persist();
    for (String name : new String[] {"Blue team", "Green team"}) {
      Team team = new Team();
      team.drillId = drill.id;
      team.name = name;
      team.persist();
    }
  }
}
