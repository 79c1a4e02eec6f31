package io.breachdrill.scenario;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

@ConfigMapping(prefix = "breachdrill.scenarios")
public interface ScenarioConfig {

  /** The folder the scenario library is read from, recursively. */
  @WithDefault("scenarios")
  Path dir();
}
