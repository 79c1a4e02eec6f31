package io.breachdrill.scenario;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The library as a user sees it, in the operating system's Chromium (nothing is downloaded). */
@QuarkusTest
@Tag("browser")
class ScenarioBrowserTest {

  static final List<String> WCAG_AA =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  static Playwright playwright;
  static Browser browser;

  @TestHTTPResource("/")
  URL home;

  @BeforeAll
  static void launch() {
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(
                        Path.of(System.getProperty("browser.executable", "/usr/bin/chromium")))
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run")));
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @Test
  void followsAScenarioFromTheLibraryToItsEventsList() {
    Page page = browser.newPage();
    page.navigate(home.toString());

    assertThat(page).hasTitle("Scenario library · Breachdrill");
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2)))
        .hasCount(4);
    assertNoAccessibilityViolations(page);

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
    assertNoAccessibilityViolations(page);
    page.close();
  }

  @Test
  void aMistypedAddressExplainsItselfAccessibly() {
    Page page = browser.newPage();
    page.navigate(home + "scenarios/weights-walk-out");

    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .hasText("404 · Not Found");
    assertThat(page.getByText("There is no scenario 'weights-walk-out' in the library."))
        .isVisible();
    page.getByRole(
            AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the scenario library"))
        .click();
    assertThat(page).hasTitle("Scenario library · Breachdrill");
    assertNoAccessibilityViolations(page);
    page.close();
  }

  private static Scenario catalogScenario(Page page) {
    String first =
        page.locator(".card h2 a").first().getAttribute("href").replace("/scenarios/", "");
    return ScenarioLoader.readAll(List.of(Path.of("scenarios", first + ".yaml"))).get(0).scenario();
  }

  private static void assertNoAccessibilityViolations(Page page) {
    AxeResults results = new AxeBuilder(page).withTags(WCAG_AA).analyze();
    assertThat(results.getViolations())
        .as("WCAG 2.2 AA violations on %s", page.url())
        .extracting(Rule::getId)
        .isEmpty();
  }
}
