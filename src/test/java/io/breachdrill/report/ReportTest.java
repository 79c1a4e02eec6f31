package io.breachdrill.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import io.breachdrill.account.AuditEntry;
import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.drill.Drills;
import io.breachdrill.drill.TestDrills;
import io.breachdrill.drill.TestDrills.Fixture;
import io.breachdrill.drill.TestDrills.Member;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A finished weights-walkout drill with two teams: Blue calls the researcher back (the 5-point
 * triage step, on time: 5.000 of 170, 2.9 %), Red does nothing (0.0 %); an evaluator rates, the
 * facilitator adjusts, a participant answers the hotwash anonymously. Its report, exports and
 * improvement plan, as each reader sees them.
 */
@QuarkusTest
class ReportTest {

  @Inject Drills drills;

  Account facilitator;
  Account evaluator;
  Account manager;
  Fixture drill;
  Member ana;
  String title;

  @BeforeEach
  void finishedDrill() throws InterruptedException {
    facilitator = TestAccounts.staff(Role.FACILITATOR);
    evaluator = TestAccounts.staff(Role.EVALUATOR);
    manager = TestAccounts.staff(Role.MANAGER);
    title = "Report drill " + System.nanoTime();
    drill = TestDrills.titled(facilitator.id(), "weights-walkout", title, "Blue", "Red");
    ana = TestDrills.member(drill, drill.team(0), facilitator.id(), "Ana", "incident-commander");
    TestDrills.member(drill, drill.team(1), facilitator.id(), "Raj");
    facilitator.form().post(base() + "/start").then().statusCode(303);
    TestDrills.awaitDelivered(drill, "bastion-login");
    TestAccounts.withCsrf(TestAccounts.session(ana.session()))
        .formParam("option", "call-researcher")
        .formParam("rationale", "verify out of band, first")
        .post("/teams/" + drill.team(0) + "/decisions/first-move")
        .then()
        .statusCode(303);
    evaluator
        .form()
        .formParam("team", drill.team(0))
        .formParam("phase", "detect")
        .formParam("rating", "S")
        .formParam("note", "Quick to verify with the researcher")
        .post(base() + "/evaluation/ratings")
        .then()
        .statusCode(303);
    facilitator
        .form()
        .formParam("team", drill.team(1))
        .formParam("step", "triage-bastion-login")
        .formParam("credit", "2.5")
        .formParam("reason", "Red triaged on the phone, outside the tool")
        .post(base() + "/evaluation/adjustments")
        .then()
        .statusCode(303);
    facilitator.form().post(base() + "/finish").then().statusCode(303);
    TestAccounts.withCsrf(TestAccounts.session(ana.session()))
        .formParam("answer-went-well", "Calling Mina out of band")
        .formParam("answer-improve", "Legal joined too late")
        .formParam("confidence-detect", "4")
        .formParam("confidence-contain", "2")
        .formParam("anonymous", "yes")
        .post("/teams/" + drill.team(0) + "/hotwash")
        .then()
        .statusCode(303);
  }

  @Test
  void theReportAndItsExportsShowScoresFindingsRatingsAndHotwash() throws IOException {
    String page =
        facilitator.given().get(base() + "/report").then().statusCode(200).extract().asString();
    assertThat(page)
        .contains("After-action report: " + title)
        .contains("Exercise overview", "Objectives", "Threat", "Analysis of capabilities")
        .contains("Evaluator ratings and observations", "Hotwash", "Improvement plan")
        .contains("Model weights walk out of the research cluster")
        .contains("Ana (incident-commander)", "Raj (soc-analyst)")
        .contains("Blue: 2.9 %", "Red: 0.0 %", "5.000 of 170")
        .contains("T1078")
        .contains("Not done by the end of the drill")
        .contains("<strong>S</strong>: Performed with some challenges")
        .contains("Quick to verify with the researcher")
        .contains("Red triaged on the phone, outside the tool")
        .contains("Anonymous", "Calling Mina out of band", "Legal joined too late")
        .contains("<td>Detect</td><td>4.0</td><td>1</td>");
    assertThat(page)
        .as("the hotwash answer was anonymous")
        .contains(
            "<tr><td>Anonymous</td><td>Blue</td><td><p><strong>What went well?</strong> Calling"
                + " Mina out of band</p>");
    assertThat(page).as("the strict CSP allows no inline style").doesNotContain("style=");

    Response pdf = facilitator.given().get(base() + "/report.pdf");
    pdf.then()
        .statusCode(200)
        .contentType("application/pdf")
        .header("Content-Disposition", containsString("attachment; filename=\"drill-"));
    String text;
    try (PDDocument document = Loader.loadPDF(pdf.asByteArray())) {
      text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
    assertThat(text).contains("Blue: 2.9 %", "Red: 0.0 %", "5.000 of 170", "Improvement plan");

    JsonPath json =
        facilitator
            .given()
            .get(base() + "/report.json")
            .then()
            .statusCode(200)
            .header("Content-Disposition", endsWith("report.json\""))
            .extract()
            .jsonPath();
    assertThat(json.getString("teams[0].name")).isEqualTo("Blue");
    assertThat(json.getString("teams[0].percentage")).isEqualTo("2.9");
    assertThat(json.getString("teams[0].earned")).isEqualTo("5.0");
    assertThat(json.getString("teams[1].percentage")).isEqualTo("0.0");
    assertThat(json.getString("teams[1].adjustedEarned")).isEqualTo("2.5");
    assertThat(json.getList("plan")).isNotEmpty();

    String csv =
        facilitator
            .given()
            .get(base() + "/report.csv")
            .then()
            .statusCode(200)
            .header("Content-Disposition", endsWith("report.csv\""))
            .extract()
            .asString();
    List<List<String>> rows = CsvReader.parse(csv);
    assertThat(rows.get(0)).isEqualTo(ReportExports.CSV_HEADER);
    int steps = json.getList("teams[0].steps").size() + json.getList("teams[1].steps").size();
    int decisions =
        json.getList("teams[0].decisions").size() + json.getList("teams[1].decisions").size();
    assertThat(steps).isEqualTo(2 * json.getList("objectives.steps.flatten()").size());
    assertThat(rows).hasSize(1 + steps + decisions);
    assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(ReportExports.CSV_HEADER.size()));
    assertThat(rows)
        .filteredOn(r -> r.get(0).equals("decision") && r.get(1).equals("Blue"))
        .anySatisfy(
            r -> {
              assertThat(r.get(2)).isEqualTo("first-move");
              assertThat(r.get(6)).isEqualTo("call-researcher");
              assertThat(r.get(13)).isEqualTo("Ana: verify out of band, first");
            });
    assertThat(rows)
        .filteredOn(r -> r.get(0).equals("step") && r.get(2).equals("triage-bastion-login"))
        .extracting(r -> r.get(1) + " " + r.get(6))
        .containsExactly("Blue On time", "Red Missed");

    String markdown =
        facilitator
            .given()
            .get(base() + "/report.md")
            .then()
            .statusCode(200)
            .header("Content-Disposition", endsWith("report.md\""))
            .extract()
            .asString();
    assertThat(markdown)
        .contains("# After-action report: " + title)
        .contains("## Exercise overview", "### Objectives", "### Threat")
        .contains("## Analysis of capabilities", "## Evaluator ratings and observations")
        .contains("## Hotwash", "## Improvement plan")
        .contains("| Blue | 2.9 % | 5.000 of 170 |");

    for (Account reader : List.of(evaluator, manager)) {
      reader.given().get(base() + "/report").then().statusCode(200);
    }
    TestAccounts.staff(Role.FACILITATOR)
        .given()
        .redirects()
        .follow(false)
        .get(base() + "/report.pdf")
        .then()
        .statusCode(403);
    TestAccounts.session(ana.session())
        .redirects()
        .follow(false)
        .get(base() + "/report")
        .then()
        .statusCode(403);
  }

  @Test
  void theImprovementPlanIsSeededEditedAndTrackedUntilClosed() {
    JsonPath json = facilitator.given().get(base() + "/report.json").jsonPath();
    List<Integer> ids = json.getList("plan.id");
    List<String> stepIds = json.getList("plan.stepId");
    assertThat(stepIds).as("one item per step, across teams").doesNotHaveDuplicates();
    assertThat(stepIds).contains("revoke-researcher-access", "triage-bastion-login");
    assertThat(json.getString("plan.find { it.stepId == 'triage-bastion-login' }.issue"))
        .contains("Red: missed")
        .doesNotContain("Blue");
    facilitator.given().get(base() + "/report").then().statusCode(200);
    assertThat(facilitator.given().get(base() + "/report.json").jsonPath().getList("plan.id"))
        .as("a second view seeds nothing more")
        .isEqualTo(ids);
    long first = ids.get(0);
    long second = ids.get(1);

    edit(facilitator, first, "2027-03-31")
        .then()
        .statusCode(303)
        .header("Location", endsWith(base() + "/report#item-" + first));
    String page = facilitator.given().get(base() + "/report").asString();
    assertThat(page).contains("Mina Okafor", "2027-03-31", "In progress", "Enforce MFA");
    Response bad = edit(facilitator, first, "31/03/2027");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.asString()).contains("Give the due date as YYYY-MM-DD");
    edit(TestAccounts.staff(Role.FACILITATOR), first, "2027-03-31").then().statusCode(403);
    TestAccounts.withCsrf(TestAccounts.session(ana.session()))
        .formParam("status", "closed")
        .post(base() + "/report/items/" + first + "/status")
        .then()
        .statusCode(403);
    edit(manager, first, "2027-03-31").then().statusCode(403);

    manager
        .form()
        .formParam("status", "closed")
        .formParam("from", "improvements")
        .post(base() + "/report/items/" + second + "/status")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/improvements"));
    String open = manager.given().get("/improvements").then().statusCode(200).extract().asString();
    assertThat(open)
        .contains(title, "Enforce MFA", base() + "/report#item-" + first)
        .doesNotContain("#item-" + second + "\"");
    assertThat(
            manager
                .given()
                .queryParam("status", "in-progress")
                .queryParam("control", "identity-mfa")
                .get("/improvements")
                .asString())
        .contains("Enforce MFA");
    assertThat(manager.given().queryParam("status", "open").get("/improvements").asString())
        .doesNotContain("Enforce MFA");
    facilitator.given().redirects().follow(false).get("/improvements").then().statusCode(403);

    assertThat(audit())
        .contains(
            "IMPROVEMENT_PLAN_SEEDED", "IMPROVEMENT_ITEM_UPDATED", "IMPROVEMENT_STATUS_CHANGED");
  }

  private Response edit(Account who, long item, String due) {
    return who.form()
        .formParam("issue", "Bastion MFA exemption let the actor in")
        .formParam("action", "Enforce MFA on the bastion, no exemptions")
        .formParam("control", "identity-mfa")
        .formParam("owner", "Mina Okafor")
        .formParam("due", due)
        .formParam("status", "in-progress")
        .post(base() + "/report/items/" + item);
  }

  private String base() {
    return "/drills/" + drill.drillId();
  }

  private List<String> audit() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                AuditEntry.<AuditEntry>list(
                        "subject like ?1 order by id", "drill " + drill.drillId() + " (%")
                    .stream()
                    .map(e -> e.action.name())
                    .toList());
  }
}
