package io.breachdrill.scenario;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

@ConfigMapping(prefix = "breachdrill.scenarios")
public interface ScenarioConfig {

  /** The folder the scenario library is read from, recursively. */
  @WithDefault("scenarios")
  Path dir();

  /**
   * How often the library looks for added, changed or removed files when it is used, so an edited
   * scenario shows up without a restart; 0s looks on every use.
   */
  @WithDefault("2s")
  Duration refreshInterval();
}
