package io.breachdrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writing, checking, saving and comparing scenarios in the browser. */
@QuarkusTest
class ScenarioEditorTest {

  static final Path MINIMAL = Path.of("src/test/resources/scenario/valid/minimal.yaml");

  Account facilitator;
  String id;
  String text;

  @BeforeEach
  void setUp() throws IOException {
    facilitator = TestAccounts.staff(Role.FACILITATOR);
    id = "drafted-" + UUID.randomUUID().toString().substring(0, 8);
    text = Files.readString(MINIMAL).replace("id: minimal", "id: " + id);
  }

  private Response submit(String body, String action, String note) {
    return facilitator
        .form()
        .redirects()
        .follow(false)
        .multiPart("text", body)
        .multiPart("action", action)
        .multiPart("note", note)
        .post("/scenarios/editor");
  }

  private static List<ScenarioVersion> history(String scenarioId) {
    return QuarkusTransaction.requiringNew().call(() -> ScenarioVersion.history(scenarioId));
  }

  @Test
  void everyProblemIsShownBesideItsLineWithTheValidateMessage() {
    String broken = text.replace("channel: log", "chanel: log");
    int line =
        (int) broken.substring(0, broken.indexOf("chanel:")).chars().filter(c -> c == '\n').count()
            + 1;

    submit(broken, "check", "")
        .then()
        .statusCode(400)
        .body(
            allOf(
                containsString(
                    id
                        + ".yaml:"
                        + line
                        + ":5: error: unknown key &#39;chanel&#39; in inject &#39;model-pulled&#39;"
                        + " (did you mean &#39;channel&#39;?)"),
                matchesPattern(
                    "(?s).*<tr id=\"line-"
                        + line
                        + "\" class=\"has-problem\">.*column 5: unknown"
                        + " key.*"),
                not(containsString("Branch map"))));
  }

  @Test
  void aFileWithErrorsIsNeverSavedOverAGoodVersion() {
    submit(text, "save", "First draft").then().statusCode(303);
    String good = history(id).get(0).contentHash;

    submit(text.replace("weight: 10", "weight: ten"), "save", "Break it")
        .then()
        .statusCode(400)
        .body(containsString("Not saved: fix the 1 problem below first."));
    String failingTest =
        text
            + "tests:\n  - name: best path\n    path: {first-move: revoke}\n"
            + "    expect: {score: 99}\n";
    submit(failingTest, "save", "Claim too much")
        .then()
        .statusCode(400)
        .body(containsString("test best path: expected score 99, got 25 of 30"));

    assertThat(history(id)).extracting(v -> v.contentHash).containsExactly(good);
    facilitator
        .given()
        .get("/scenarios/" + id)
        .then()
        .statusCode(200)
        .body(containsString(good.substring(0, 12)));
  }

  @Test
  void eachSaveIsAVersionWithAuthorTimeAndNoteAndTwoVersionsCompareAsADiff() {
    submit(text, "save", "First draft")
        .then()
        .statusCode(303)
        .header("Location", containsString("/scenarios/" + id + "/versions?saved="));
    String edited = text.replace("weight: 15", "weight: 20");
    submit(edited, "save", "Revoking matters more").then().statusCode(303);

    List<ScenarioVersion> versions = history(id);
    assertThat(versions).hasSize(2);
    assertThat(versions).extracting(v -> v.origin).containsOnly(ScenarioVersion.BROWSER);
    assertThat(versions.get(1).author).contains(facilitator.email());
    assertThat(versions.get(1).changeNote).isEqualTo("Revoking matters more");

    facilitator
        .given()
        .get("/scenarios/" + id + "/versions")
        .then()
        .statusCode(200)
        .body(
            allOf(
                containsString("v1 (" + versions.get(0).shortHash() + ")"),
                containsString("v2 (" + versions.get(1).shortHash() + ")</a> <strong>current"),
                containsString("Revoking matters more"),
                containsString(facilitator.email())));
    facilitator
        .given()
        .get("/scenarios/" + id + "/versions/" + versions.get(0).id)
        .then()
        .statusCode(200)
        .body(containsString("<td class=\"ln\">22</td><td>    weight: 15</td>"));
    facilitator
        .given()
        .queryParam("from", versions.get(0).id)
        .queryParam("to", versions.get(1).id)
        .get("/scenarios/" + id + "/diff")
        .then()
        .statusCode(200)
        .body(
            allOf(
                containsString("1 line added, 1 removed"),
                matchesPattern("(?s).*<tr class=\"removed\">\\s*<td class=\"ln\">22</td>.*"),
                containsString("<td>removed</td>\n    <td>    weight: 15</td>"),
                containsString("<td>added</td>\n    <td>    weight: 20</td>")));
    facilitator
        .given()
        .get("/scenarios/" + id)
        .then()
        .statusCode(200)
        .body(containsString("<dd>35 points</dd>"));
  }

  @Test
  void savingTheSameTextAgainOrWithoutANoteIsRefusedWithAReason() {
    submit(text, "save", "First draft").then().statusCode(303);

    submit(text, "save", "Again")
        .then()
        .statusCode(409)
        .body(containsString("Nothing to save: this exact text of &#39;" + id + "&#39;"));
    submit(text.replace("weight: 15", "weight: 16"), "save", "  ")
        .then()
        .statusCode(400)
        .body(containsString("Not saved: say what changed and why in the change note"));
    assertThat(history(id)).hasSize(1);
  }

  @Test
  void anUploadedFileIsCheckedAndPreviewedBeforeSaving() {
    String withTests =
        text
            + "tests:\n  - name: best path\n"
            + "    path: {first-move: revoke, press-answer: holding-statement}\n"
            + "    expect: {score: 30}\n";
    facilitator
        .form()
        .multiPart("file", id + ".yaml", withTests.getBytes(StandardCharsets.UTF_8), "text/yaml")
        .multiPart("text", "ignored when a file is uploaded")
        .multiPart("action", "check")
        .post("/scenarios/editor")
        .then()
        .statusCode(200)
        .body(
            allOf(
                containsString("No problems; all 1 tests pass."),
                containsString("Preview: A stolen CI token reaches the model registry"),
                containsString("<dt>Fastest path</dt><dd>55m"),
                containsString("<h2 id=\"branch-map\">Branch map</h2>"),
                containsString("<svg class=\"branch-map\""),
                containsString(">no answer in 10m</text>"),
                containsString("<td><code>first-move: revoke</code></td>"),
                not(containsString("Every option of decision"))));
    assertThat(history(id)).as("checking never saves").isEmpty();
  }

  @Test
  void aCheckedTextIsDryRunBeforeItIsSavedAndSavingItLaterKeepsOneVersion() {
    submit(text, "check", "").then().statusCode(200).body(containsString("Dry run this text"));

    facilitator
        .form()
        .redirects()
        .follow(false)
        .multiPart("text", text)
        .post("/dry-runs")
        .then()
        .statusCode(303)
        .header("Location", matchesPattern(".*/teams/\\d+$"));
    assertThat(history(id)).as("a draft is not part of the history").isEmpty();

    submit(text, "save", "Tried it in a dry run").then().statusCode(303);
    assertThat(history(id))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.origin).isEqualTo(ScenarioVersion.BROWSER);
              assertThat(v.changeNote).isEqualTo("Tried it in a dry run");
            });
    facilitator.given().get("/scenarios/" + id).then().statusCode(200);

    facilitator
        .form()
        .multiPart("text", text.replace("weight: 10", "weight: ten"))
        .post("/dry-runs")
        .then()
        .statusCode(400)
        .body(containsString("Check it in the editor and fix them before a dry run."));
  }
}
