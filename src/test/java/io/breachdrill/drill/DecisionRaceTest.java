package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.drill.engine.DrillTimes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many members of a team answer the same decision at the same instant: the first answer decides,
 * every other one is told who decided, and the log holds one outcome.
 */
@QuarkusTest
class DecisionRaceTest {

  static final int RACERS = 16;
  static final List<String> OPTIONS = List.of("call-researcher", "suspend-now", "watch");

  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  Account facilitator;
  TestDrills.Fixture drill;
  Console console;
  ExecutorService pool;

  @BeforeEach
  void drill() {
    facilitator = TestAccounts.staff(Role.FACILITATOR);
    drill = TestDrills.drill(facilitator.id(), "weights-walkout", "Blue", "Red");
    console = new Console(facilitator, drill.drillId());
    pool = Executors.newFixedThreadPool(RACERS);
  }

  @AfterEach
  void stopThreads() {
    pool.shutdownNow();
  }

  /** What one racer sent and what came back. */
  record Answer(int racer, Player player, String option, int status, String location, String text) {
    boolean won() {
      return status == 303;
    }
  }

  Player member(int team, String name) {
    return Player.of(TestDrills.member(drill, drill.team(team), facilitator.id(), name), name);
  }

  void started() {
    console.command("start");
    console.awaitDelivered(drill.team(0), "bastion-login");
    console.awaitDelivered(drill.team(1), "bastion-login");
  }

  /** The decision form as a browser posts it, sent by one of several threads released at once. */
  List<Answer> race(List<Player> players, List<String> options, String decision) throws Exception {
    CyclicBarrier start = new CyclicBarrier(players.size());
    List<Future<Answer>> answers = new ArrayList<>();
    for (int i = 0; i < players.size(); i++) {
      int racer = i;
      Player player = players.get(i);
      String option = options.get(i);
      HttpRequest request = post(player, decision, option, "racer " + racer);
      answers.add(
          pool.submit(
              () -> {
                start.await(10, TimeUnit.SECONDS);
                HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
                return new Answer(
                    racer,
                    player,
                    option,
                    response.statusCode(),
                    response.headers().firstValue("Location").orElse(""),
                    Pages.text(response.body()));
              }));
    }
    List<Answer> done = new ArrayList<>();
    for (Future<Answer> answer : answers) {
      done.add(answer.get(30, TimeUnit.SECONDS));
    }
    return done;
  }

  static HttpRequest post(Player player, String decision, String option, String rationale) {
    String form =
        field(TestAccounts.CSRF_FIELD, TestAccounts.CSRF_TOKEN)
            + "&"
            + field("option", option)
            + "&"
            + field("rationale", rationale);
    return HttpRequest.newBuilder(
            URI.create(
                RestAssured.baseURI
                    + ":"
                    + RestAssured.port
                    + player.teamPath()
                    + "/decisions/"
                    + decision))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header(
            "Cookie",
            TestAccounts.SESSION_COOKIE
                + "="
                + player.session()
                + "; "
                + TestAccounts.CSRF_COOKIE
                + "="
                + TestAccounts.CSRF_TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }

  static String field(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  List<Console.Logged> outcomes(long teamId, String decision) {
    return console.events().stream()
        .filter(e -> e.type().startsWith("DECISION_"))
        .filter(e -> Long.valueOf(teamId).equals(e.teamId()))
        .filter(e -> decision.equals(e.dataText("decisionId")))
        .toList();
  }

  @Test
  void sixteenSimultaneousAnswersFromOneTeamRecordExactlyOne() throws Exception {
    List<Player> members =
        List.of(
            member(0, "Ana Lima"),
            member(0, "Ben Okoro"),
            member(0, "Chen Wei"),
            member(0, "Dara Singh"));
    started();
    List<Player> players = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      players.add(members.get(i % members.size()));
      options.add(OPTIONS.get(i % OPTIONS.size()));
    }

    List<Answer> answers = race(players, options, "first-move");

    List<Answer> won = answers.stream().filter(Answer::won).toList();
    assertThat(won).hasSize(1);
    Answer winner = won.get(0);
    assertThat(winner.location()).endsWith("/teams/" + drill.team(0) + "#outcomes");
    DrillApi.Decided decided =
        Console.decided(console.state(), drill.team(0), "first-move").orElseThrow();
    assertThat(decided.by()).isEqualTo(winner.player().name());
    assertThat(decided.optionId()).isEqualTo(winner.option());
    assertThat(decided.rationale()).isEqualTo("racer " + winner.racer());
    String already =
        "Already decided by " + decided.by() + " at " + DrillTimes.format(decided.drillMs()) + ".";
    assertThat(already).matches("Already decided by [A-Za-z ]+ at \\d+:\\d{2}:\\d{2}\\.");
    assertThat(answers.stream().filter(a -> !a.won()))
        .hasSize(RACERS - 1)
        .allSatisfy(
            a -> {
              assertThat(a.status()).as("racer %d", a.racer()).isEqualTo(409);
              assertThat(a.text()).contains("409 · Conflict", already);
            });

    List<Console.Logged> recorded = outcomes(drill.team(0), "first-move");
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).type()).isEqualTo("DECISION_MADE");
    assertThat(recorded.get(0).dataText("optionId")).isEqualTo(winner.option());
    assertThat(outcomes(drill.team(1), "first-move")).isEmpty();
    assertThat(Pages.text(members.get(0).page()))
        .containsOnlyOnce("Decided by " + decided.by() + " at ");
  }

  @Test
  void aDoubleSubmissionByOneMemberRecordsOnce() throws Exception {
    Player eve = member(1, "Eve Adams");
    started();

    List<Answer> answers =
        race(List.of(eve, eve), List.of("suspend-now", "suspend-now"), "first-move");

    assertThat(answers).extracting(Answer::status).containsExactlyInAnyOrder(303, 409);
    DrillApi.Decided decided =
        Console.decided(console.state(), drill.team(1), "first-move").orElseThrow();
    String already =
        "Already decided by Eve Adams at " + DrillTimes.format(decided.drillMs()) + ".";
    assertThat(answers.stream().filter(a -> !a.won()).findFirst().orElseThrow().text())
        .contains(already);

    Answer retry = race(List.of(eve), List.of("watch"), "first-move").get(0);
    assertThat(retry.status()).isEqualTo(409);
    assertThat(retry.text()).contains(already);

    assertThat(outcomes(drill.team(1), "first-move"))
        .singleElement()
        .satisfies(e -> assertThat(e.dataText("optionId")).isEqualTo("suspend-now"));
    assertThat(Console.decided(console.state(), drill.team(1), "first-move").orElseThrow())
        .satisfies(d -> assertThat(d.optionId()).isEqualTo("suspend-now"));
  }
}
