package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.matchesPattern;

import io.breachdrill.account.AuditAction;
import io.breachdrill.account.AuditEntry;
import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.drill.engine.DrillTimes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A drill from the facilitator's form to its end, as the facilitator and the participants of two
 * teams see it: each team branches on its own decisions and sees only its own feed.
 */
@QuarkusTest
class DrillFlowTest {

  static final String SCENARIO = "weights-walkout";
  static final String SCENARIO_TITLE = "Model weights walk out of the research cluster";
  static final String BASTION_TITLE =
      "SIEM: first password login from a hosting ASN to the training bastion (m.okafor)";
  static final String CALLBACK_TITLE = "Call-back: Mina Okafor from the conference hallway";
  static final String FALLOUT_TITLE =
      "Bastion auth log after the suspension: a key you did not know about";
  static final String PUSH_LOG = "push-fatigue-log";

  Account facilitator;

  @BeforeEach
  void facilitator() {
    facilitator = TestAccounts.staff(Role.FACILITATOR);
  }

  Response createForm(String scenario, String title, String teams, String speed) {
    return facilitator
        .form()
        .formParam("scenario", scenario)
        .formParam("title", title)
        .formParam("teams", teams)
        .formParam("speed", speed)
        .post("/drills");
  }

  Console create(String title) {
    String location =
        createForm(SCENARIO, title, "Blue\nRed", "1")
            .then()
            .statusCode(303)
            .header("Location", matchesPattern(".*/drills/\\d+"))
            .extract()
            .header("Location");
    return new Console(facilitator, Long.parseLong(location.replaceAll(".*/", "")));
  }

  static long teamId(Console console, String name) {
    return console.state().teams().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow()
        .id();
  }

  /** A participant who follows a join link the facilitator made on the links page. */
  Player joinThroughLink(Console console, long teamId, String name, String role) {
    console.commandTo("/links#team-" + teamId, "links", "team", teamId, "validity", "P1D");
    String links = facilitator.given().get(console.path() + "/links").asString();
    Matcher token = Pattern.compile("/join/([A-Za-z0-9_-]{43})<").matcher(links);
    assertThat(token.find()).as("a join link on the links page").isTrue();
    Response joined =
        TestAccounts.withCsrf(RestAssured.given())
            .header("X-Forwarded-For", "203.0.113.41")
            .formParam("name", name)
            .formParam("role", role)
            .post("/join/" + token.group(1));
    joined.then().statusCode(303).header("Location", endsWith("/teams/" + teamId));
    return new Player(name, teamId, joined.getCookie(TestAccounts.SESSION_COOKIE));
  }

  Player member(Console console, long teamId, String name) {
    TestDrills.Fixture fixture = new TestDrills.Fixture(console.drillId(), List.of(teamId));
    return Player.of(TestDrills.member(fixture, teamId, facilitator.id(), name), name);
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void theFormCreatesADraftDrillWhoseConsoleShowsItsTeamsAndFrozenVersion() throws Exception {
    Console console = create("Night shift rehearsal");

    String version = sha256(Path.of("scenarios", SCENARIO + ".yaml"));
    String page = console.page();
    assertThat(page).contains("<h1>Night shift rehearsal</h1>", "<h3>Blue</h3>", "<h3>Red</h3>");
    assertThat(Pages.text(page))
        .contains(
            "Scenario "
                + SCENARIO_TITLE
                + ", version "
                + version.substring(0, 12)
                + " (frozen into this drill)")
        .contains("Draft Drill time 0:00:00 of 2:30:00 Speed 1×")
        .contains("Nobody has joined yet.");
    DrillApi.State state = console.state();
    assertThat(state.status()).isEqualTo("draft");
    assertThat(state.scenarioHash()).isEqualTo(version);
    assertThat(state.teams()).extracting(DrillApi.TeamView::name).containsExactly("Blue", "Red");
    assertThat(state.teams()).allSatisfy(t -> assertThat(t.delivered()).isEmpty());
    assertThat(Pages.text(facilitator.given().get("/drills").asString()))
        .contains("Night shift rehearsal");
  }

  @Test
  void badInputGetsAReadablePageAndCreatesNoDrill() {
    Pages.refused(createForm(SCENARIO, "", "Blue\nRed", "0.4"), 409, "Conflict")
        .contains("Choose a speed from 0.5 to 60 (for example 1, 2.5 or 60).");
    Pages.refused(createForm(SCENARIO, "", "", "1"), 400, "Bad Request")
        .contains("Name 1 to 20 teams, one per line.");
    Pages.refused(createForm(SCENARIO, "", " \n\n ", "1"), 400, "Bad Request")
        .contains("Name 1 to 20 teams, one per line.");
    Pages.refused(createForm(SCENARIO, "", "Blue\nRed\nblue", "1"), 400, "Bad Request")
        .contains("Two teams are called blue; give each team its own name.");
    Pages.refused(createForm("no-such-scenario", "", "Blue", "1"), 404, "Not Found")
        .contains("There is no scenario 'no-such-scenario' in the library.");
    Pages.refused(createForm("", "", "Blue", "1"), 400, "Bad Request")
        .contains("Choose the scenario the drill runs.");

    long drills =
        QuarkusTransaction.requiringNew()
            .call(() -> Drill.count("facilitatorId", facilitator.id()));
    assertThat(drills).isZero();
  }

  @Test
  void eachTeamBranchesOnItsOwnDecisionAndSeesOnlyItsOwnFeed() {
    Console console = create("Branching rehearsal");
    long blue = teamId(console, "Blue");
    long red = teamId(console, "Red");
    Player rosa = joinThroughLink(console, blue, "Rosa Responder", "incident-commander");
    Player raj = member(console, red, "Raj Patel");

    console.command("start");
    assertThat(Pages.text(console.page())).contains("Running Drill time");
    console.awaitDelivered(blue, "bastion-login");
    console.awaitDelivered(red, "bastion-login");

    String page = rosa.page();
    assertThat(Pages.text(page)).contains("Blue", "you are Rosa Responder (incident-commander)");
    assertThat(page)
        .contains("<h3>" + BASTION_TITLE + "</h3>")
        .contains("<strong>Rule</strong>")
        .contains("<code>IDP-ANOM-014 First sign-in from new country + hosting ASN</code>")
        .contains("<li>HR travel calendar: <strong>Mina Okafor</strong>")
        .doesNotContain("**Rule**")
        .contains("<form id=\"decision-first-move\"")
        .contains("action=\"/teams/" + blue + "/decisions/first-move\"")
        .contains("value=\"call-researcher\"", "value=\"suspend-now\"", "value=\"watch\"");
    assertThat(Pages.text(page))
        .contains(
            "A researcher who is really in Singapore just logged in to the bastion from a"
                + " Singapore VPS. What do you do first?");

    console.command("pause");
    assertThat(Pages.text(console.page())).contains("Paused Drill time");
    Response whilePaused = rosa.decide("first-move", "watch", "too early");
    Pages.refused(whilePaused, 409, "Conflict")
        .contains(
            "The drill is paused: the facilitator has stopped the clock. Decide when it resumes.");
    assertThat(Pages.text(rosa.page()))
        .contains("Your facilitator has paused the drill")
        .contains("Your team has not decided anything yet.");
    console.command("resume");
    assertThat(Pages.text(console.page())).contains("Running Drill time");

    rosa.decide("first-move", "call-researcher", "Phone first because Slack may be compromised")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/teams/" + blue + "#outcomes"));
    raj.decide("first-move", "suspend-now", "Contain before we know more")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/teams/" + red + "#outcomes"));

    DrillApi.State decided = console.state();
    DrillApi.Decided blueChoice = Console.decided(decided, blue, "first-move").orElseThrow();
    DrillApi.Decided redChoice = Console.decided(decided, red, "first-move").orElseThrow();
    assertThat(blueChoice.optionId()).isEqualTo("call-researcher");
    assertThat(blueChoice.by()).isEqualTo("Rosa Responder");
    assertThat(blueChoice.rationale()).isEqualTo("Phone first because Slack may be compromised");
    assertThat(redChoice.optionId()).isEqualTo("suspend-now");
    assertThat(redChoice.by()).isEqualTo("Raj Patel");
    String rosaPage = rosa.page();
    assertThat(Pages.text(rosaPage))
        .contains("Call Mina on the phone number in HR records")
        .contains("Decided by Rosa Responder at " + DrillTimes.format(blueChoice.drillMs()))
        .contains("Phone first because Slack may be compromised")
        .doesNotContain("Contain before we know more");
    assertThat(rosaPage).doesNotContain("decisions/first-move");
    assertThat(Pages.text(console.page()))
        .contains("by Rosa Responder at " + DrillTimes.format(blueChoice.drillMs()))
        .contains("by Raj Patel at " + DrillTimes.format(redChoice.drillMs()));

    long blueDue = blueChoice.drillMs() + Duration.ofMinutes(8).toMillis();
    long redDue = redChoice.drillMs() + Duration.ofMinutes(10).toMillis();
    console.advanceTo(Duration.ofMillis(Math.max(blueDue, redDue) + 5_000));
    console.awaitDelivered(blue, "researcher-callback");
    DrillApi.State branched = console.awaitDelivered(red, "suspend-fallout");

    assertThat(Console.delivered(branched, blue))
        .contains("researcher-callback")
        .doesNotContain("suspend-fallout", "bastion-session-recording", "soar-autoclose");
    assertThat(Console.delivered(branched, red))
        .contains("suspend-fallout")
        .doesNotContain("researcher-callback", "bastion-session-recording", "soar-autoclose");
    assertThat(Console.delivery(branched, blue, "researcher-callback").orElseThrow().dueMs())
        .isEqualTo(blueDue);
    assertThat(Console.delivery(branched, red, "suspend-fallout").orElseThrow().dueMs())
        .isEqualTo(redDue);
    assertThat(Pages.text(rosa.page())).contains(CALLBACK_TITLE).doesNotContain(FALLOUT_TITLE);
    assertThat(Pages.text(raj.page())).contains(FALLOUT_TITLE).doesNotContain(CALLBACK_TITLE);

    Pages.refused(rosa.given().get("/teams/" + red), 403, "Forbidden")
        .contains("This is not your team.");
    Pages.refused(rosa.decide(red, "first-move", "watch", "sabotage"), 403, "Forbidden")
        .contains("This is not your team.");
    DrillApi.State after = console.state();
    assertThat(Console.decided(after, red, "first-move").orElseThrow().optionId())
        .isEqualTo("suspend-now");
  }

  @Test
  void theFacilitatorsControlsReachOnlyTheChosenTeamsAndLandInTheAuditLog() {
    Console console = create("Controls rehearsal");
    long blue = teamId(console, "Blue");
    long red = teamId(console, "Red");
    Player ana = member(console, blue, "Ana Lima");
    Player raj = member(console, red, "Raj Patel");
    console.command("start");
    console.awaitDelivered(blue, "bastion-login");
    console.awaitDelivered(red, "bastion-login");
    console.command("pause");
    console.command("resume");

    console.commandTo("#timeline", "fire", "inject", PUSH_LOG, "team", red);
    DrillApi.State fired = console.state();
    DrillApi.Delivered early = Console.delivery(fired, red, PUSH_LOG).orElseThrow();
    assertThat(early.early()).isTrue();
    assertThat(Console.delivered(fired, blue)).doesNotContain(PUSH_LOG);
    assertThat(Pages.text(Pages.feedItem(raj.page(), early.seq())))
        .contains("sent early by the facilitator");
    assertThat(Pages.text(console.page())).contains("(fired early)");

    console.advanceTo(Duration.ofMinutes(12).plusSeconds(2));
    DrillApi.State onTime = console.awaitDelivered(blue, PUSH_LOG);
    DrillApi.Delivered scheduled = Console.delivery(onTime, blue, PUSH_LOG).orElseThrow();
    assertThat(scheduled.early()).isFalse();
    assertThat(scheduled.dueMs()).isEqualTo(Duration.ofMinutes(12).toMillis());
    assertThat(Console.delivered(onTime, red)).containsOnlyOnce(PUSH_LOG);
    assertThat(Pages.text(Pages.feedItem(ana.page(), scheduled.seq())))
        .contains("0:12:00")
        .doesNotContain("sent early");

    console.commandTo(
        "#timeline",
        "adhoc",
        "channel",
        "chat",
        "title",
        "Printer on fire in building 2",
        "body",
        "The **third-floor** printer is smoking. <img src=x onerror=alert(1)>",
        "team",
        blue);
    String anaPage = ana.page();
    assertThat(anaPage)
        .contains("<strong>third-floor</strong>")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<img src=x");
    assertThat(Pages.text(anaPage)).contains("From Facilitator", "Printer on fire in building 2");
    assertThat(Pages.text(raj.page())).doesNotContain("Printer on fire");
    assertThat(Console.team(console.state(), blue).delivered())
        .anySatisfy(d -> assertThat(d.title()).isEqualTo("Printer on fire in building 2"));

    console.commandTo(
        "#timeline", "notes", "text", "Blue hesitated before escalating", "team", blue);
    assertThat(Pages.text(console.page())).contains("Blue hesitated before escalating");
    assertThat(Pages.text(ana.page())).doesNotContain("Blue hesitated");

    console.command("speed", "speed", "2");
    assertThat(Pages.text(console.page())).contains("Speed 2×");
    assertThat(console.state().speed()).isEqualByComparingTo("2");

    console.command("finish");
    assertThat(Pages.text(console.page())).contains("Finished Drill time");
    assertThat(console.state().status()).isEqualTo("finished");
    Pages.refused(console.post("pause"), 409, "Conflict")
        .contains("The drill is finished: you cannot pause it now.");
    Pages.refused(console.post("resume"), 409, "Conflict")
        .contains("The drill is finished: you cannot resume it now.");
    Pages.refused(console.post("start"), 409, "Conflict")
        .contains("The drill is finished: you cannot start it now.");
    Pages.refused(console.post("finish"), 409, "Conflict")
        .contains("The drill is finished: you cannot finish it now.");
    Pages.refused(console.post("speed", "speed", "3"), 409, "Conflict")
        .contains("The drill is finished: you cannot change its speed now.");
    Pages.refused(console.post("fire", "inject", "egress-volume", "team", blue), 409, "Conflict")
        .contains("The drill is finished: you cannot fire an inject now.");
    Pages.refused(
            console.post("adhoc", "channel", "email", "title", "Late", "body", "Late", "team", red),
            409,
            "Conflict")
        .contains("The drill is finished: you cannot send an inject now.");
    Pages.refused(ana.decide("account-action", "full-revoke", "too late"), 409, "Conflict")
        .contains("The drill is finished; decisions are closed.");
    assertThat(Pages.text(ana.page())).contains("The drill is over.");

    String subject = "drill " + console.drillId() + " (";
    List<AuditEntry> audit =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    AuditEntry.<AuditEntry>list(
                        "subject like ?1 and actor = ?2 order by id",
                        subject + "%",
                        facilitator.email()));
    assertThat(audit)
        .extracting(e -> e.action)
        .containsExactly(
            AuditAction.DRILL_CREATED,
            AuditAction.DRILL_STARTED,
            AuditAction.DRILL_PAUSED,
            AuditAction.DRILL_RESUMED,
            AuditAction.INJECT_FIRED,
            AuditAction.ADHOC_INJECT_SENT,
            AuditAction.DRILL_NOTE_ADDED,
            AuditAction.DRILL_SPEED_CHANGED,
            AuditAction.DRILL_FINISHED);
    assertThat(audit.get(4).detail).isEqualTo("inject " + PUSH_LOG + " to teams [" + red + "]");
    assertThat(audit.get(7).detail).isEqualTo("to 2×");

    Account admin = TestAccounts.staff(Role.ADMIN);
    String log =
        Pages.text(
            admin
                .given()
                .queryParam("subject", subject)
                .get("/admin/audit")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(log)
        .contains(
            "Drill created",
            "Drill started",
            "Drill paused",
            "Drill resumed",
            "Scenario inject fired ahead of time",
            "Ad-hoc inject sent",
            "Facilitator note added",
            "Drill speed changed",
            "Drill finished")
        .contains(facilitator.email(), subject + "Controls rehearsal)");
  }

  @Test
  void anotherFacilitatorCannotSeeOrRunTheDrill() {
    Console console = create("Private rehearsal");
    long blue = teamId(console, "Blue");
    List<Console.Logged> before = console.events();
    Account other = TestAccounts.staff(Role.FACILITATOR);
    Console intruder = new Console(other, console.drillId());
    String refusal = "Only the facilitator who runs this drill can manage it.";

    Pages.refused(other.given().get(console.path()), 403, "Forbidden").contains(refusal);
    other
        .given()
        .accept(ContentType.JSON)
        .get("/api" + console.path())
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.equalTo(refusal));
    other.given().get("/api" + console.path() + "/events").then().statusCode(403);
    for (String action : List.of("open", "start", "pause", "resume", "finish")) {
      Pages.refused(intruder.post(action), 403, "Forbidden").contains(refusal);
    }
    Pages.refused(intruder.post("speed", "speed", "2"), 403, "Forbidden").contains(refusal);
    Pages.refused(intruder.post("teams", "name", "Green"), 403, "Forbidden").contains(refusal);
    Pages.refused(intruder.post("notes", "text", "mine now"), 403, "Forbidden").contains(refusal);
    Pages.refused(intruder.post("fire", "inject", "bastion-login", "team", blue), 403, "Forbidden")
        .contains(refusal);
    Pages.refused(
            intruder.post("adhoc", "channel", "email", "title", "Hi", "body", "Hi", "team", blue),
            403,
            "Forbidden")
        .contains(refusal);
    other
        .given()
        .get("/drills")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.not(containsString("Private rehearsal")));

    assertThat(console.state().status()).isEqualTo("draft");
    assertThat(console.events()).isEqualTo(before);
  }
}
