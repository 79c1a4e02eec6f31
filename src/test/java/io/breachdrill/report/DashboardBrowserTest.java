package io.breachdrill.report;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A manager reads the dashboard in the operating system's Chromium and narrows it to a scenario.
 */
@QuarkusTest
@Tag("browser")
class DashboardBrowserTest {

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

  @Test
  void aManagerFiltersByScenarioAndReadsTheTrendAndHeatMap() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String blue = "Blue " + suffix;
    String red = "Red " + suffix;
    String other = "Other " + suffix;
    DashboardDrills.finished(
        TestAccounts.staff(Role.FACILITATOR),
        List.of(blue, red),
        Arrays.asList("call-researcher", null));
    DashboardDrills.finished(
        TestAccounts.staff(Role.FACILITATOR),
        "bucket-siphon",
        List.of(other),
        new ArrayList<>(Arrays.asList((String) null)));

    Account manager = TestAccounts.staff(Role.MANAGER);
    Page page = chromium.pageWithSession(home, manager.session());
    List<String> refused = new ArrayList<>();
    page.onConsoleMessage(
        m -> {
          if (m.text().contains("Content Security Policy")) {
            refused.add(m.text());
          }
        });
    page.navigate(home + "scenarios");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard")).click();
    assertThat(page).hasTitle("Dashboard · Breachdrill");
    assertThat(page.getByText(other).first()).isVisible();

    page.getByLabel("Scenario").selectOption("weights-walkout");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
    assertThat(page).hasURL(java.util.regex.Pattern.compile("scenario=weights-walkout"));
    assertThat(page.getByText(other)).hasCount(0);

    Locator drills =
        page.getByRole(
            AriaRole.TABLE,
            new Page.GetByRoleOptions().setName("Score of each team in each finished drill"));
    assertThat(drills.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(blue)))
        .containsText("2.9 %");
    assertThat(drills.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(red)))
        .containsText("0.0 %");

    Locator trend =
        page.getByRole(
            AriaRole.IMG, new Page.GetByRoleOptions().setName("Score of each team over time"));
    assertThat(trend).isVisible();
    assertThat(trend.locator("desc")).containsText(blue + ": 2.9 %");
    assertThat(trend.locator("desc")).containsText(red + ": 0.0 %");
    // other tests' finished drills of this scenario share the chart: one line per team at least
    org.assertj.core.api.Assertions.assertThat(trend.locator("polyline").count())
        .isGreaterThanOrEqualTo(2);

    Locator heat = page.locator("table.heat");
    assertThat(heat.getByRole(AriaRole.COLUMNHEADER, new Locator.GetByRoleOptions().setName(blue)))
        .isVisible();
    Locator triage =
        heat.getByRole(AriaRole.ROW)
            .filter(new Locator.FilterOptions().setHasText("Triage the bastion login"));
    assertThat(triage).containsText("1 on time, 0 late, 0 missed, 0 harmed");
    assertThat(triage).containsText("0 on time, 0 late, 1 missed, 0 harmed");

    Chromium.assertNoAccessibilityViolations(page);
    assertThat(refused).isEmpty();
  }

  @Test
  void aManagerPagesThroughATeamsDrillsAndTheFilterStays() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String team = "Pages " + suffix;
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    for (int i = 1; i <= 6; i++) {
      DashboardDrills.finished(
          facilitator,
          "weights-walkout",
          "Browsed drill " + i + " of " + suffix,
          List.of(team),
          Arrays.asList((String) null));
    }
    Account manager = TestAccounts.staff(Role.MANAGER);
    Page page = chromium.pageWithSession(home, manager.session());
    page.navigate(home + "dashboard");
    page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Team")).fill(team);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();

    Locator drills =
        page.getByRole(
            AriaRole.TABLE,
            new Page.GetByRoleOptions().setName("Score of each team in each finished drill"));
    assertThat(page.getByText("Drills 1 to 5 of 6, the most recently finished first.")).isVisible();
    assertThat(drills).containsText("Browsed drill 6 of " + suffix);
    assertThat(drills).not().containsText("Browsed drill 1 of " + suffix);

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next")).click();
    assertThat(page).hasURL(java.util.regex.Pattern.compile("page=2"));
    assertThat(page.getByText("Drills 6 to 6 of 6, the most recently finished first.")).isVisible();
    assertThat(drills).containsText("Browsed drill 1 of " + suffix);
    assertThat(drills).not().containsText("Browsed drill 6 of " + suffix);
    assertThat(page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Team")))
        .hasValue(team);
    assertThat(
            page.getByRole(
                AriaRole.LINK, new Page.GetByRoleOptions().setName("Page 2").setExact(true)))
        .hasAttribute("aria-current", "page");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Previous")).click();
    assertThat(drills).containsText("Browsed drill 6 of " + suffix);
    assertThat(page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Team")))
        .hasValue(team);
    Chromium.assertNoAccessibilityViolations(page);
  }
}
