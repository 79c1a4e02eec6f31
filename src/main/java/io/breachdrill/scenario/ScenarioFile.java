package io.breachdrill.scenario;

import java.util.List;

/**
 * One scenario file as read: its text and content hash, and either a valid scenario or the problems
 * that keep it out. A file with any problem is never half-loaded.
 */
public record ScenarioFile(
    String path, String sha256, String text, Scenario scenario, List<Problem> problems) {

  public boolean valid() {
    return problems.isEmpty();
  }
}
