package io.breachdrill.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.account.User;
import io.breachdrill.drill.TestDrills;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real Chromium against hostile names, notes and scenario text: every payload shows as text and
 * none runs. Also signs in through the form and checks the account pages for WCAG 2.2 AA.
 */
@QuarkusTest
@TestProfile(SecurityBrowserTest.HostileScenario.class)
@Tag("browser")
class SecurityBrowserTest {

  public static class HostileScenario implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("breachdrill.scenarios.dir", "src/test/resources/web/xss");
    }
  }

  static final String USER_PAYLOAD = "<img src=x onerror=\"window.__xss=10\">Mallory";
  static final String PARTICIPANT_PAYLOAD = "<script>window.__xss=11</script>Pat";
  static final String DRILL_PAYLOAD = "\"><svg onload=window.__xss=12>Drill";
  static final String NOTE_PAYLOAD = "<a href=\"javascript:window.__xss=13\">night shift</a>";

  static Chromium chromium;

  @TestHTTPResource("/")
  URL app;

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

  /** Fails if the page ran any of the payloads or grew an element from one. */
  static void assertNothingRan(Page page, List<String> dialogs) {
    assertThat(page.evaluate("() => typeof window.__xss"))
        .as("payload ran on %s", page.url())
        .isEqualTo("undefined");
    assertThat(dialogs).isEmpty();
    assertThat(
            page.locator("[onerror], [onload], iframe, main script, a[href^='javascript:']")
                .count())
        .as("elements made from payloads on %s", page.url())
        .isZero();
  }

  static Page watched(Page page, List<String> dialogs, List<String> cspViolations) {
    page.onDialog(
        dialog -> {
          dialogs.add(dialog.message());
          dialog.dismiss();
        });
    page.onConsoleMessage(
        message -> {
          if (message.text().contains("Content Security Policy")) {
            cspViolations.add(page.url() + ": " + message.text());
          }
        });
    return page;
  }

  @Test
  void hostileTextRendersAsTextEverywhere() {
    List<String> dialogs = new ArrayList<>();
    List<String> csp = new ArrayList<>();
    Account admin = TestAccounts.staff(Role.ADMIN);
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                TestAccounts.create(
                    "mallory-" + UUID.randomUUID() + "@example.com",
                    USER_PAYLOAD,
                    "mallory's long password",
                    Role.MANAGER));
    TestDrills.Fixture drill =
        TestDrills.titled(facilitator.id(), "xss-drill", DRILL_PAYLOAD, "Blue");
    String token = TestDrills.link(drill.team(0), facilitator.id(), Duration.ofHours(1)).token;

    Page participant = watched(chromium.anonymousPage(), dialogs, csp);
    participant.navigate(app + "join/" + token);
    Chromium.assertNoAccessibilityViolations(participant);
    participant.getByLabel("Your name").fill(PARTICIPANT_PAYLOAD);
    participant.getByLabel("Your role in the team").selectOption("soc-analyst");
    participant
        .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join the team"))
        .click();
    assertThat(participant).hasURL(app + "teams/" + drill.team(0));
    assertThat(participant.getByText(PARTICIPANT_PAYLOAD + " (soc-analyst) · you")).isVisible();
    assertThat(participant.locator(".lede")).containsText(DRILL_PAYLOAD + " · you are");
    assertNothingRan(participant, dialogs);
    Chromium.assertNoAccessibilityViolations(participant);

    Page staff = watched(chromium.pageWithSession(app, facilitator.session()), dialogs, csp);
    staff.navigate(app + "scenarios");
    assertThat(staff.getByText("XSS drill <script>window.__xss=1</script>")).isVisible();
    assertThat(staff.getByText("Summary <img src=x onerror=\"window.__xss=2\"> with an image"))
        .isVisible();
    assertNothingRan(staff, dialogs);

    staff.navigate(app + "scenarios/xss-drill");
    staff.locator("details summary").first().click();
    assertThat(staff.getByText("<script>window.__xss=4</script>").first()).isVisible();
    assertThat(staff.getByText("open the runbook")).isVisible();
    assertThat(staff.locator("p.prompt").getByText("What now? \"><svg onload=window.__xss=8>"))
        .isVisible();
    assertNothingRan(staff, dialogs);

    staff.navigate(app + "drills/" + drill.drillId() + "/links");
    staff.getByLabel("Note (optional)").fill(NOTE_PAYLOAD);
    staff
        .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New join link for Blue"))
        .click();
    assertThat(staff.getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName(NOTE_PAYLOAD)))
        .isVisible();
    assertThat(staff.getByText(PARTICIPANT_PAYLOAD + " (soc-analyst)")).isVisible();
    assertThat(staff.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .hasText("Join links: " + DRILL_PAYLOAD);
    assertNothingRan(staff, dialogs);
    Chromium.assertNoAccessibilityViolations(staff);

    Page adminPage = watched(chromium.pageWithSession(app, admin.session()), dialogs, csp);
    adminPage.navigate(app + "admin/users");
    assertThat(
            adminPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(USER_PAYLOAD)))
        .isVisible();
    assertNothingRan(adminPage, dialogs);
    adminPage.navigate(app + "admin/audit?action=PARTICIPANT_JOINED");
    assertThat(adminPage.getByText(PARTICIPANT_PAYLOAD).first()).isVisible();
    assertNothingRan(adminPage, dialogs);

    assertThat(csp).as("the pages need nothing the policy forbids").isEmpty();
  }

  @Test
  void aNewUserSignsInThroughTheFormAndEveryAccountPageIsAccessible() {
    List<String> dialogs = new ArrayList<>();
    List<String> csp = new ArrayList<>();
    String email = "ada-" + UUID.randomUUID() + "@example.com";
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                TestAccounts.create(
                    email, "Ada Admin", "ada's long passphrase", Role.ADMIN, Role.FACILITATOR));

    Page page = watched(chromium.anonymousPage(), dialogs, csp);
    page.navigate(app + "admin/users");
    assertThat(page).hasTitle("Sign in · Breachdrill");
    Chromium.assertNoAccessibilityViolations(page);

    page.getByLabel("Email").fill(email);
    page.getByLabel("Password").fill("not ada's passphrase");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(page.getByRole(AriaRole.ALERT))
        .hasText("That email and password do not match an active account.");
    Chromium.assertNoAccessibilityViolations(page);

    page.getByLabel("Password").fill("ada's long passphrase");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(page).hasURL(app + "admin/users");
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .hasText("Users");

    long id = QuarkusTransaction.requiringNew().call(() -> User.byEmail(email).orElseThrow().id);
    for (String path :
        List.of(
            "admin/users",
            "admin/users/new",
            "admin/users/" + id,
            "admin/audit",
            "account",
            "drills",
            "logout")) {
      page.navigate(app + path);
      Chromium.assertNoAccessibilityViolations(page);
    }
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    assertThat(page).hasTitle("Sign in · Breachdrill");
    page.navigate(app + "admin/users");
    assertThat(page).hasTitle("Sign in · Breachdrill");
    assertThat(csp).isEmpty();
    assertThat(dialogs).isEmpty();
  }

  @Test
  void anInvitedUserChoosesTheirPasswordAndIsSignedIn() {
    List<String> dialogs = new ArrayList<>();
    List<String> csp = new ArrayList<>();
    String email = "ivy-" + UUID.randomUUID() + "@example.com";
    String token = io.breachdrill.account.Tokens.random();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              User ivy = TestAccounts.create(email, "Ivy Invited", "unused password", Role.MANAGER);
              ivy.passwordHash = null;
              ivy.invitationHash = io.breachdrill.account.Tokens.sha256(token);
              ivy.invitationExpiresAt = io.breachdrill.TestClock.now().plus(Duration.ofDays(7));
            });

    Page page = watched(chromium.anonymousPage(), dialogs, csp);
    page.navigate(app + "invite/" + token);
    assertThat(page.getByText("You are invited to Breachdrill as " + email)).isVisible();
    Chromium.assertNoAccessibilityViolations(page);
    page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true))
        .fill("ivy's own passphrase");
    page.getByLabel("The same password again").fill("ivy's own passphrase");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save and sign in"))
        .click();
    assertThat(page).hasURL(app + "scenarios");
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ivy Invited")))
        .isVisible();
    assertThat(csp).isEmpty();
    assertThat(dialogs).isEmpty();
  }
}
