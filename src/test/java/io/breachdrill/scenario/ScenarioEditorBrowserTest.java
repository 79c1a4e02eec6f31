package io.breachdrill.scenario;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.web.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A facilitator writes a scenario in the browser, sees its problems, saves and compares it. */
@QuarkusTest
@Tag("browser")
class ScenarioEditorBrowserTest {

  static Chromium chromium;

  @TestHTTPResource("/")
  URL home;

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

  private static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name);
  }

  @Test
  void writesChecksSavesAndComparesAScenario() {
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    String id = "browser-" + UUID.randomUUID().toString().substring(0, 8);
    Page page = chromium.pageWithSession(home, facilitator.session());
    page.navigate(home + "scenarios");
    page.getByRole(AriaRole.LINK, named("Write or upload a scenario")).click();

    assertThat(page).hasTitle("Scenario editor · Breachdrill");
    String starter = page.getByLabel("Scenario text (YAML)").inputValue();
    assertThat(page.locator(".numbered .gutter"))
        .containsText(
            "1\n2\n3\n", new LocatorAssertions.ContainsTextOptions().setUseInnerText(true));
    page.getByLabel("Scenario text (YAML)")
        .fill(starter.replace("id: new-scenario", "id: " + id).replace("weight: 15", "weight: 1x"));
    page.getByRole(AriaRole.BUTTON, named("Check and preview")).click();

    assertThat(page.getByRole(AriaRole.HEADING, named("1 problem"))).isVisible();
    assertThat(page.locator("tr.has-problem .problem"))
        .containsText("'weight' must be a whole number; found '1x'");
    Chromium.assertNoAccessibilityViolations(page);

    page.getByLabel("Scenario text (YAML)").fill(starter.replace("id: new-scenario", "id: " + id));
    page.getByLabel("Change note").fill("First draft from the starter");
    page.getByRole(AriaRole.BUTTON, named("Check and preview")).click();

    assertThat(page.getByRole(AriaRole.STATUS)).hasText("No problems; all 3 tests pass.");
    assertThat(page.getByRole(AriaRole.IMG, named("Branch map"))).isVisible();
    assertThat(page.getByText("Fastest path")).isVisible();
    Chromium.assertNoAccessibilityViolations(page);

    page.getByRole(AriaRole.BUTTON, named("Save as a new version")).click();
    assertThat(page)
        .hasTitle("Versions of A stolen CI token reaches the model registry · Breachdrill");
    assertThat(page.getByRole(AriaRole.STATUS)).containsText("Saved as version");
    Chromium.assertNoAccessibilityViolations(page);

    page.getByRole(AriaRole.LINK, named("Edit the current version")).click();
    String saved = page.getByLabel("Scenario text (YAML)").inputValue();
    page.getByLabel("Scenario text (YAML)")
        .fill(
            saved.replace("What do you tell the reporter?", "What do you tell the reporter now?"));
    page.getByLabel("Change note").fill("Sharper press prompt");
    page.getByRole(AriaRole.BUTTON, named("Save as a new version")).click();
    page.getByRole(AriaRole.BUTTON, named("Show the differences")).click();

    assertThat(page.getByText("1 line added, 1 removed")).isVisible();
    assertThat(page.locator("tr.added")).containsText("What do you tell the reporter now?");
    assertThat(page.locator("tr.removed")).containsText("What do you tell the reporter?");
    Chromium.assertNoAccessibilityViolations(page);
    page.close();
  }
}
