package io.breachdrill.scenario;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.web.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The library as a user sees it, in the operating system's Chromium (nothing is downloaded). */
@QuarkusTest
@Tag("browser")
class ScenarioBrowserTest {

  static Chromium chromium;

  @TestHTTPResource("/")
  URL home;

  Account reader;

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

  @BeforeEach
  void signIn() {
    reader = TestAccounts.staff(Role.EVALUATOR);
  }

  @Test
  void followsAScenarioFromTheLibraryToItsEventsList() throws Exception {
    Page page = chromium.pageWithSession(home, reader.session());
    page.navigate(home.toString());

    assertThat(page).hasTitle("Scenario library · Breachdrill");
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2)))
        .hasCount(ScenarioLoader.scenarioFiles(Path.of("scenarios")).size());
    Chromium.assertNoAccessibilityViolations(page);

    Scenario scenario = catalogScenario(page);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(scenario.title())).click();

    assertThat(page).hasURL(home + "scenarios/" + scenario.id());
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .hasText(scenario.title());
    assertThat(
            page.getByRole(
                AriaRole.HEADING,
                new Page.GetByRoleOptions().setName("Master scenario events list")))
        .isVisible();
    Locator events = page.locator("ol.msel > li");
    assertThat(events).hasCount(scenario.injects().size());
    assertThat(events.first().locator(".when")).hasText("T+0m");

    Locator firstBody = events.first().locator(".body");
    assertThat(firstBody).isHidden();
    events.first().getByText("What the team sees").click();
    assertThat(firstBody).isVisible();

    assertThat(page.locator("table.playbook tbody tr")).hasCount(scenario.playbook().size());
    Chromium.assertNoAccessibilityViolations(page);
    page.close();
  }

  @Test
  void aMistypedAddressExplainsItselfAccessibly() {
    Page page = chromium.pageWithSession(home, reader.session());
    page.navigate(home + "scenarios/weights-walk-out");

    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .hasText("404 · Not Found");
    assertThat(page.getByText("There is no scenario 'weights-walk-out' in the library."))
        .isVisible();
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the start page"))
        .click();
    assertThat(page).hasTitle("Scenario library · Breachdrill");
    Chromium.assertNoAccessibilityViolations(page);
    page.close();
  }

  private static Scenario catalogScenario(Page page) {
    String first =
        page.locator(".card h2 a").first().getAttribute("href").replace("/scenarios/", "");
    return ScenarioLoader.readAll(List.of(Path.of("scenarios", first + ".yaml"))).get(0).scenario();
  }
}
