package io.breachdrill.scenario;

import java.util.List;

/**
 * One scenario file as read: its text and content hash, and either a valid scenario with its tests
 * (from the file and its sibling {@code <id>.test.yaml}) or the problems that keep it out. A file
 * with any problem is never half-loaded.
 */
public record ScenarioFile(
    String path,
    String sha256,
    String text,
    Scenario scenario,
    List<Problem> problems,
    List<ScenarioTest> tests) {

  public ScenarioFile {
    tests = tests == null ? List.of() : List.copyOf(tests);
  }

  static ScenarioFile rejected(String path, String sha256, String text, List<Problem> problems) {
    return new ScenarioFile(path, sha256, text, null, List.copyOf(problems), List.of());
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
