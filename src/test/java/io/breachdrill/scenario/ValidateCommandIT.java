package io.breachdrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validate command of the packaged application, as facilitators run it in their CI. */
class ValidateCommandIT {

  record Run(int exit, List<String> out, String err) {}

  private static Run validate(String... paths) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar"));
    command.add("validate");
    command.addAll(List.of(paths));
    ProcessBuilder builder = new ProcessBuilder(command);
    // A database that cannot answer proves the command never needs one.
    builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/none");
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.exitValue(), out.lines().toList(), err);
  }

  @Test
  void shippedScenariosAreValid() throws Exception {
    Run run = validate("scenarios");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).singleElement().asString().matches(ShippedSummary.PATTERN);
  }

  @Test
  void problemsArePrintedWithPositionsAndExitOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("typo.yaml");
    String valid = Files.readString(Path.of("scenarios/bucket-siphon.yaml"));
    Files.writeString(file, valid.replaceFirst("(?m)^duration:", "duraton:"));

    Run run = validate(file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .anyMatch(
            l ->
                l.matches(
                    ".*typo\\.yaml:\\d+:1: error: unknown key 'duraton' in the"
                        + " scenario \\(did you mean 'duration'\\?\\)"))
        .last()
        .isEqualTo("1 files, 1 errors");
  }

  @Test
  void badUsageExitsTwo() throws Exception {
    Run run = validate();
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Usage:");
  }
}
