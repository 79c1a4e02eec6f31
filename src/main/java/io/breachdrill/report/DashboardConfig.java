package io.breachdrill.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the managers' dashboard lists drills. */
@ConfigMapping(prefix = "breachdrill.dashboard")
public interface DashboardConfig {

  /** Drills per page of the finished-drills table, each with all its matching teams. */
  @WithDefault("25")
  int pageSize();
}
