package io.breachdrill.drill;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.breachdrill.TestClock;
import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.scenario.Inject;
import io.breachdrill.scenario.ScenarioCatalog;
import io.breachdrill.web.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A facilitator and two participants, each in their own browser, play a shipped scenario to its
 * end: live updates, pause and resume, speed, and each team on its own branch.
 */
@QuarkusTest
@Tag("browser")
class DrillBrowserTest {

  static final String SUSPEND_FALLOUT = "Bastion auth log after the suspension";
  static final String SESSION_RECORDING = "Bastion session recording";
  static final LocatorAssertions.IsVisibleOptions LIVE =
      new LocatorAssertions.IsVisibleOptions().setTimeout(10_000);

  static Chromium chromium;

  @TestHTTPResource("/")
  URL home;

  @jakarta.inject.Inject ScenarioCatalog catalog;

  @BeforeAll
  static void launch() {
    chromium = Chromium.launch();
  }

  @AfterAll
  static void close() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void twoTeamsPlayAScenarioToTheEndEachOnItsOwnBranch() {
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    Page console = chromium.pageWithSession(home, facilitator.session());
    console.navigate(home + "drills");
    console.getByLabel("Scenario").selectOption("weights-walkout");
    console.getByLabel("Title (optional)").fill("Browser drill");
    console.getByLabel("Teams, one per line").fill("Blue team\nRed team");
    console.getByLabel("Speed").fill("10");
    console
        .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the drill"))
        .click();
    assertThat(console.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .hasText("Browser drill");
    assertThat(console.locator("#state .status")).hasText("Draft");
    Chromium.assertNoAccessibilityViolations(console);
    String consoleUrl = console.url();

    console.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join links")).click();
    Page ana = join(console, "Blue team", "Ana");
    Page ben = join(console, "Red team", "Ben");
    assertThat(ana.locator("#clock")).containsText("has not started yet");

    console.navigate(consoleUrl);
    assertThat(console.locator("#team-" + teamId(ana))).containsText("Ana (incident-commander)");
    button(console, "Start").click();
    assertThat(console.locator("#state .status")).hasText("Running");

    Locator anaFirst = ana.locator("#feed").getByText("first password login from a hosting ASN");
    assertThat(anaFirst).isVisible(LIVE);
    assertThat(ben.locator("#feed").getByText("first password login from a hosting ASN"))
        .isVisible(LIVE);
    assertThat(ana.locator("#clock .status")).hasText("Running");
    Chromium.assertNoAccessibilityViolations(ana);

    decide(ana, "Suspend m.okafor in the directory", "Contain first, apologise later.");
    decide(ben, "Treat it as probable travel", "We want to see what they are after.");
    assertThat(ana.locator("#outcomes")).containsText("Decided by Ana");
    assertThat(ana.locator("#outcomes")).containsText("Contain first, apologise later.");
    assertThat(ana.locator("#decision-first-move")).hasCount(0);
    assertThat(console.locator("#team-" + teamId(ben))).containsText("Treat it as probable travel");

    button(console, "Pause").click();
    assertThat(ana.locator("#clock .status"))
        .hasText("Paused", new LocatorAssertions.HasTextOptions().setTimeout(10_000));
    assertThat(ana.locator("#clock")).containsText("paused the drill");
    String frozen = ana.locator("#clock .clock-time").textContent();
    TestClock.advance(Duration.ofMinutes(30));
    ana.waitForTimeout(600);
    assertThat(ana.locator("#clock .clock-time")).hasText(frozen);
    assertThat(ana.locator("#feed").getByText(SUSPEND_FALLOUT)).hasCount(0);
    button(console, "Resume").click();
    assertThat(ben.locator("#clock .status"))
        .hasText("Running", new LocatorAssertions.HasTextOptions().setTimeout(10_000));

    console.getByLabel("New speed (0.5 to 60)").fill("60");
    button(console, "Set speed").click();
    assertThat(console.locator("#state")).containsText("Speed 60×");
    assertThat(ana.locator("#clock"))
        .containsText("Speed 60×", new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));

    TestClock.advance(Duration.ofSeconds(15));
    assertThat(ana.locator("#feed").getByText(SUSPEND_FALLOUT)).isVisible(LIVE);
    assertThat(ben.locator("#feed").getByText(SESSION_RECORDING)).isVisible(LIVE);
    assertThat(ana.locator("#feed").getByText(SESSION_RECORDING)).hasCount(0);
    assertThat(ben.locator("#feed").getByText(SUSPEND_FALLOUT)).hasCount(0);

    for (int minute = 0; minute < 150; minute += 30) {
      TestClock.advance(Duration.ofSeconds(30));
      ana.waitForTimeout(300);
    }
    assertThat(ana.locator("#feed").getByText("Threat hunt: what the actor left behind"))
        .isVisible(LIVE);
    assertThat(ben.locator("#feed").getByText("Threat hunt: what the actor left behind"))
        .isVisible(LIVE);
    long drillId = Long.parseLong(consoleUrl.substring(consoleUrl.lastIndexOf('/') + 1));
    List<String> timed =
        catalog.find("weights-walkout").orElseThrow().injects().stream()
            .filter(i -> i.at() != null)
            .map(Inject::id)
            .toList();
    for (String team : List.of("Blue team", "Red team")) {
      List<String> delivered =
          facilitator
              .given()
              .get("/api/drills/" + drillId)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("teams.find { it.name == '" + team + "' }.delivered.injectId");
      assertThat(delivered).as(team + " got every timed inject").containsAll(timed);
      assertThat(delivered).as(team + " got nothing twice").doesNotHaveDuplicates();
    }
    button(console, "Finish the drill").click();
    assertThat(ana.locator("#clock"))
        .containsText(
            "The drill is over", new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
    assertThat(ana.locator("#open-decisions form")).hasCount(0);

    assertThat(ben.getByLabel("What went well?")).isVisible(LIVE);
    ben.getByLabel("What should improve before a real incident?").fill("Page legal earlier");
    ben.getByLabel("contain").selectOption("3");
    ben.getByLabel("Answer anonymously", new Page.GetByLabelOptions().setExact(false)).check();
    Chromium.assertNoAccessibilityViolations(ben);
    button(ben, "Send my answers").click();
    assertThat(ben.locator("#hotwash")).containsText("Thank you");
    ben.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("See your team's scorecard"))
        .click();
    assertThat(
            ben.getByRole(
                AriaRole.HEADING,
                new Page.GetByRoleOptions()
                    .setLevel(2)
                    .setName(java.util.regex.Pattern.compile("^Red team: "))))
        .isVisible();
    Chromium.assertNoAccessibilityViolations(ben);

    console.reload();
    assertThat(console.locator("#state .status")).hasText("Finished");
    assertThat(console.locator("#timeline")).containsText("Decision timed out");
    assertThat(console.locator("#timeline")).containsText("Contain first, apologise later.");
    Chromium.assertNoAccessibilityViolations(console);

    console
        .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Evaluation").setExact(true))
        .click();
    console.getByLabel("Phase").first().selectOption("contain");
    console.getByLabel("Rating").first().selectOption("S");
    button(console, "Rate Blue team").click();
    assertThat(console.locator("#team-" + teamId(ana)).locator("xpath=.."))
        .containsText("Performed with some challenges");
    assertThat(console.getByText("Page legal earlier")).isVisible();
    Chromium.assertNoAccessibilityViolations(console);

    console.navigate(consoleUrl + "/scorecard");
    assertThat(console.locator("#scores")).containsText("Blue team:");
    assertThat(console.locator("#scores")).containsText("Performed with some challenges");
    Chromium.assertNoAccessibilityViolations(console);
    console
        .getByRole(
            AriaRole.LINK, new Page.GetByRoleOptions().setName("Replay the drill event by event"))
        .click();
    console.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next event")).click();
    assertThat(console.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2)).first())
        .containsText("Event 2 of");
    Chromium.assertNoAccessibilityViolations(console);

    console.navigate(consoleUrl + "/report");
    assertThat(console.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .hasText("After-action report: Browser drill");
    Chromium.assertNoAccessibilityViolations(console);

    ana.reload();
    assertThat(ana.locator("#feed").getByText(SUSPEND_FALLOUT)).isVisible();
    assertThat(ana.locator("#feed").getByText(SESSION_RECORDING)).hasCount(0);
    Chromium.assertNoAccessibilityViolations(ana);
  }

  /** Makes a join link for the team on the links page and joins it in a new browser. */
  private Page join(Page links, String team, String name) {
    links
        .getByRole(
            AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New join link for " + team))
        .click();
    String url =
        links
            .getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(team))
            .locator(".secret")
            .first()
            .textContent()
            .strip();
    Page page = chromium.anonymousPage();
    page.navigate(url);
    page.getByLabel("Your name").fill(name);
    page.getByLabel("Your role in the team").selectOption("incident-commander");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join the team")).click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .hasText(team);
    return page;
  }

  @Test
  void aFacilitatorDryRunsAScenarioFromItsPageAndFinishesIt() {
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    Page page = chromium.pageWithSession(home, facilitator.session());
    page.navigate(home + "scenarios/weights-walkout");
    Chromium.assertNoAccessibilityViolations(page);
    button(page, "Dry run").click();

    assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/teams/\\d+$"));
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .hasText("Dry run");
    assertThat(
            page.getByRole(
                AriaRole.HEADING, new Page.GetByRoleOptions().setName("About this dry run")))
        .isVisible();
    assertThat(page.locator("#clock")).containsText("Speed 60×");
    assertThat(page.locator("#feed").getByText("first password login from a hosting ASN"))
        .isVisible(LIVE);
    Chromium.assertNoAccessibilityViolations(page);

    decide(page, "Suspend m.okafor in the directory", "Trying the scenario out.");
    assertThat(page.locator("#outcomes")).containsText("Trying the scenario out.");
    button(page, "Finish the dry run").click();
    assertThat(page.locator("#clock .status")).hasText("Finished");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your dry run's score"))
        .click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .containsText("Your team's scorecard: Dry run: ");
    Chromium.assertNoAccessibilityViolations(page);

    page.navigate(home + "drills");
    assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Your dry runs")))
        .containsText("Finished");
    Chromium.assertNoAccessibilityViolations(page);
    page.close();
  }

  private static void decide(Page page, String option, String rationale) {
    Locator form = page.locator("#decision-first-move");
    assertThat(form).isVisible(LIVE);
    form.getByLabel(option, new Locator.GetByLabelOptions().setExact(false)).check();
    form.getByLabel("Why? Your team's rationale").fill(rationale);
    form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Decide for the team"))
        .click();
  }

  private static Locator button(Page page, String name) {
    return page.getByRole(
        AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  private static String teamId(Page participant) {
    String url = participant.url();
    String id = url.substring(url.indexOf("/teams/") + 7).replaceAll("[^0-9].*$", "");
    assertThat(id).isNotEmpty();
    return id;
  }
}
