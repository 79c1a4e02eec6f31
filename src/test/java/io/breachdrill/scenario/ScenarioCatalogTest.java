package io.breachdrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScenarioCatalogTest {

  @Inject ScenarioCatalog catalog;

  @Test
  void recordsEachFileVersionOnceInTheDatabase() throws Exception {
    catalog.reload();
    catalog.reload();

    // Other tests save versions in the browser or import them with drills; the folder's are 6.
    long versions =
        QuarkusTransaction.requiringNew()
            .call(() -> ScenarioVersion.count("origin", ScenarioVersion.FOLDER));
    assertThat(versions).isEqualTo(6);
    Path file = Path.of("scenarios/weights-walkout.yaml");
    String hash = ScenarioReader.sha256(Files.readAllBytes(file));
    ScenarioVersion stored =
        QuarkusTransaction.requiringNew()
            .call(() -> ScenarioVersion.findVersion("weights-walkout", hash).orElseThrow());
    assertThat(stored.origin).isEqualTo(ScenarioVersion.FOLDER);
    assertThat(stored.source).isEqualTo(Files.readString(file));
    assertThat(stored.contentHash).isEqualTo(ScenarioReader.sha256(Files.readAllBytes(file)));
    assertThat(stored.title).isEqualTo(catalog.find("weights-walkout").orElseThrow().title());
  }

  @Test
  void listsScenariosByTitle() {
    assertThat(catalog.scenarios()).extracting(Scenario::title).isSorted();
    assertThat(catalog.rejected()).isEmpty();
  }
}
