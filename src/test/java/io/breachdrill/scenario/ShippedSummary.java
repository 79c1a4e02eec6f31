package io.breachdrill.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * What {@code validate scenarios} prints for the shipped library: every file valid, every test
 * passing.
 */
final class ShippedSummary {

  static final String PATTERN = "^" + count() + " files, 0 errors; \\d+ tests, 0 failed$";

  private ShippedSummary() {}

  private static int count() {
    try {
      return ScenarioLoader.scenarioFiles(Path.of("scenarios")).size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
