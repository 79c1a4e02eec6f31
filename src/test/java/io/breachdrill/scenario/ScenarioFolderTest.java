package io.breachdrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A facilitator edits the library folder while the app runs; no restart is needed. */
@QuarkusTest
@TestProfile(ScenarioFolderTest.OwnFolder.class)
class ScenarioFolderTest {

  Account reader;

  @BeforeEach
  void signIn() {
    reader = TestAccounts.staff(Role.MANAGER);
  }

  static final Path FOLDER = createFolder();
  static final Path MINIMAL = Path.of("src/test/resources/scenario/valid/minimal.yaml");

  public static class OwnFolder implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "breachdrill.scenarios.dir",
          FOLDER.toString(),
          "breachdrill.scenarios.refresh-interval",
          "0s");
    }
  }

  private static Path createFolder() {
    try {
      return Files.createTempDirectory("breachdrill-scenarios");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Inject ScenarioCatalog catalog;

  private static long versionsOf(String id) {
    return QuarkusTransaction.requiringNew().call(() -> ScenarioVersion.count("scenarioId", id));
  }

  @Test
  void addedChangedAndBrokenFilesShowUpWithoutARestart() throws IOException {
    assertThat(catalog.scenarios()).isEmpty();

    Path file = FOLDER.resolve("minimal.yaml");
    Files.copy(MINIMAL, file);
    assertThat(catalog.scenarios()).extracting(Scenario::id).containsExactly("minimal");
    assertThat(versionsOf("minimal")).isEqualTo(1);

    Files.writeString(file, Files.readString(file).replace("duration: 1h", "duration: 1h10m"));
    assertThat(catalog.find("minimal").orElseThrow().duration().toMinutes()).isEqualTo(70);
    assertThat(versionsOf("minimal")).as("the earlier version is kept").isEqualTo(2);

    Files.writeString(FOLDER.resolve("draft.yaml"), "id: draft\ntitle: Draft\nchanel: email\n");
    reader
        .given()
        .when()
        .get("/scenarios")
        .then()
        .statusCode(200)
        .body(
            allOf(
                containsString("Files with errors (1)"),
                containsString(
                    "draft.yaml:3:1: error: unknown key &#39;chanel&#39; in the scenario"),
                containsString("href=\"/scenarios/minimal\"")));

    Files.delete(file);
    assertThat(catalog.find("minimal")).isEmpty();
  }
}
