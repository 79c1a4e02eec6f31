package io.breachdrill.drill;

import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioFile;
import io.breachdrill.scenario.ScenarioReader;
import io.breachdrill.scenario.ScenarioVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The scenario a drill runs, read from the text frozen with it; parsed once per version. */
@ApplicationScoped
public class DrillScenarios {

  private final Map<Long, Scenario> parsed = new ConcurrentHashMap<>();

  public Scenario of(Drill drill) {
    if (drill.scenarioVersionId == null) {
      throw new IllegalStateException(
          "Drill " + drill.id + " was created before scenarios were frozen into drills");
    }
    return parsed.computeIfAbsent(drill.scenarioVersionId, DrillScenarios::parse);
  }

  private static Scenario parse(long versionId) {
    ScenarioVersion version = ScenarioVersion.findById(versionId);
    ScenarioFile file =
        ScenarioReader.read(version.fileName, version.source.getBytes(StandardCharsets.UTF_8));
    if (!file.valid()) {
      throw new IllegalStateException(
          "The frozen text of scenario version "
              + versionId
              + " no longer validates: "
              + file.problems().get(0).format());
    }
    return file.scenario();
  }
}
