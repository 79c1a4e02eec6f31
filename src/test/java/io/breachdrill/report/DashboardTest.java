package io.breachdrill.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.breachdrill.TestClock;
import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.drill.Drills;
import io.breachdrill.drill.TestDrills;
import io.breachdrill.drill.TestDrills.Fixture;
import io.breachdrill.scoring.Breakdown;
import io.breachdrill.scoring.Scorecard;
import io.breachdrill.scoring.Scorer;
import io.breachdrill.scoring.StepResult;
import io.breachdrill.scoring.TeamScore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two finished weights-walkout drills a day apart, with the same two teams: in the first Blue calls
 * the researcher back (triage on time) and Red suspends the account; in the second Blue suspends
 * and Red stays silent. The stored rows must be the scorer's numbers to the digit.
 */
@QuarkusTest
class DashboardTest {

  @Inject Drills drills;
  @Inject Dashboard dashboard;
  @Inject StoredScores stored;
  @Inject EntityManager entities;

  /** The two drills, played once for the whole class. */
  record Played(String blue, String red, Fixture first, Fixture second, LocalDate day1) {}

  private static Played played;

  static synchronized Played played() {
    if (played == null) {
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      String blue = "Blue " + suffix;
      String red = "Red " + suffix;
      Fixture first =
          DashboardDrills.finished(
              TestAccounts.staff(Role.FACILITATOR),
              List.of(blue, red),
              java.util.Arrays.asList("call-researcher", "suspend-now"));
      LocalDate day1 = LocalDate.ofInstant(TestClock.now(), ZoneOffset.UTC);
      TestClock.advance(Duration.ofDays(1));
      Fixture second =
          DashboardDrills.finished(
              TestAccounts.staff(Role.FACILITATOR),
              List.of(blue, red),
              java.util.Arrays.asList("suspend-now", null));
      played = new Played(blue, red, first, second, day1);
    }
    return played;
  }

  @Test
  void storedRowsAreTheScorersNumbers() {
    Played p = played();
    for (Fixture drill : List.of(p.first(), p.second())) {
      Scorecard card = score(drill.drillId());
      for (TeamScore team : card.teams()) {
        assertStored(drill.drillId(), team);
      }
    }
    List<Dashboard.ScoreRow> blue =
        dashboard.scores(new DashboardFilter(null, p.blue(), null, null));
    assertThat(blue)
        .extracting(Dashboard.ScoreRow::drillId)
        .containsExactly(p.first().drillId(), p.second().drillId());
    assertThat(blue.get(0).earned()).isEqualByComparingTo("5.000");
    assertThat(blue.get(0).percentage()).isEqualByComparingTo("2.9");
  }

  @Test
  void anAdjustmentAfterTheFinishRewritesTheStoredRows() {
    Played p = played();
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    Fixture drill =
        DashboardDrills.finished(
            facilitator, List.of("Green " + UUID.randomUUID()), List.of("call-researcher"));
    long before = lastSeq(drill.drillId());
    facilitator
        .form()
        .formParam("team", drill.team(0))
        .formParam("step", "revoke-researcher-access")
        .formParam("credit", "7.5")
        .formParam("reason", "revoked by phone, outside the tool")
        .post("/drills/" + drill.drillId() + "/evaluation/adjustments")
        .then()
        .statusCode(303);
    assertThat(lastSeq(drill.drillId())).isGreaterThan(before);
    TeamScore team = score(drill.drillId()).teams().get(0);
    assertThat(team.adjustedEarned()).isEqualByComparingTo("12.500");
    assertStored(drill.drillId(), team);
    assertThat(p).isNotNull();
  }

  @Test
  void theBackfillStoresFinishedDrillsWithoutScoresOnceOnly() {
    Played p = played();
    long drillId = p.first().drillId();
    QuarkusTransaction.requiringNew().run(() -> stored.delete(drillId));
    assertThat(dashboard.scores(new DashboardFilter(null, p.blue(), null, null))).hasSize(1);

    assertThat(stored.backfill()).isGreaterThanOrEqualTo(1);
    for (TeamScore team : score(drillId).teams()) {
      assertStored(drillId, team);
    }
    assertThat(stored.backfill()).isZero();
  }

  @Test
  void twoNodesBackfillingTogetherStoreADrillOnce() throws Exception {
    Played p = played();
    long drillId = p.second().drillId();
    QuarkusTransaction.requiringNew().run(() -> stored.delete(drillId));

    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> runs =
          nodes.invokeAll(List.<Callable<Integer>>of(stored::backfill, stored::backfill));
      int filled = 0;
      for (Future<Integer> run : runs) {
        filled += run.get();
      }
      assertThat(filled).isEqualTo(1);
    } finally {
      nodes.shutdown();
    }
    for (TeamScore team : score(drillId).teams()) {
      assertStored(drillId, team);
    }
  }

  @Test
  void filtersNarrowByScenarioTeamAndDate() {
    Played p = played();
    String day2 = p.day1().plusDays(1).toString();
    assertThat(dashboard.scores(new DashboardFilter("weights-walkout", p.red(), null, null)))
        .hasSize(2);
    assertThat(dashboard.scores(new DashboardFilter("bucket-siphon", p.red(), null, null)))
        .isEmpty();
    assertThat(
            dashboard.scores(
                new DashboardFilter(null, p.red().toUpperCase(), p.day1().plusDays(1), null)))
        .extracting(Dashboard.ScoreRow::drillId)
        .containsExactly(p.second().drillId());
    assertThat(dashboard.scores(new DashboardFilter(null, p.red(), null, p.day1())))
        .extracting(Dashboard.ScoreRow::drillId)
        .containsExactly(p.first().drillId());

    Account manager = TestAccounts.staff(Role.MANAGER);
    String page =
        manager
            .given()
            .queryParam("team", p.blue())
            .queryParam("from", day2)
            .get("/dashboard")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(page)
        .contains(
            p.blue(), "<title id=\"trend-overall-title\">", "<desc id=\"trend-overall-desc\">")
        .contains("Triage the bastion login", "0 on time, 0 late, 1 missed, 0 harmed")
        .contains("identity-mfa", "T1078.004")
        .doesNotContain(p.red(), "style=");
  }

  @Test
  void everyTableDownloadsAsCsvWithTheSameFilters() {
    Played p = played();
    Account manager = TestAccounts.staff(Role.MANAGER);
    List<List<String>> drillsCsv = csv(manager, "drills", p.red());
    assertThat(drillsCsv.get(0))
        .containsExactly(
            "drill_id",
            "drill",
            "scenario",
            "team",
            "finished_at",
            "earned",
            "maximum",
            "percentage",
            "adjusted_percentage");
    assertThat(drillsCsv).hasSize(3);
    for (int i = 0; i < 2; i++) {
      Fixture drill = i == 0 ? p.first() : p.second();
      TeamScore red = score(drill.drillId()).teams().get(1);
      List<String> row = drillsCsv.get(i + 1);
      assertThat(row.get(0)).isEqualTo(Long.toString(drill.drillId()));
      assertThat(row.get(3)).isEqualTo(p.red());
      assertThat(new BigDecimal(row.get(5))).isEqualByComparingTo(red.earned());
      assertThat(row.get(6)).isEqualTo("170");
      assertThat(new BigDecimal(row.get(7))).isEqualByComparingTo(red.percentage());
    }

    List<List<String>> controls = csv(manager, "controls", p.red());
    assertThat(controls.get(0)).contains("control", "percentage");
    TeamScore red = score(p.first().drillId()).teams().get(1);
    assertThat(controls).hasSize(1 + 2 * red.controls().size());

    List<List<String>> steps = csv(manager, "steps", p.blue());
    assertThat(steps.get(0))
        .containsExactly(
            "scenario", "step", "title", "team", "on_time", "late", "missed", "harmed", "drills");
    List<String> triage =
        steps.stream().filter(r -> r.get(1).equals("triage-bastion-login")).findFirst().get();
    assertThat(triage.subList(3, 9)).containsExactly(p.blue(), "1", "0", "1", "0", "2");

    List<List<String>> coverage = csv(manager, "coverage", null);
    assertThat(coverage.get(0))
        .containsExactly("kind", "id", "in_library", "drills_last_12_months");
    assertThat(coverage)
        .anySatisfy(
            r -> assertThat(r.subList(0, 3)).containsExactly("control", "identity-mfa", "true"))
        .anySatisfy(r -> assertThat(r.get(1)).isEqualTo("T1078.004"));
  }

  @Test
  void csvQuotesCommasQuotesAndLineBreaksAndDefusesFormulas() {
    assertThat(Csv.field("plain")).isEqualTo("plain");
    assertThat(Csv.field("a, \"b\"\nc")).isEqualTo("\"a, \"\"b\"\"\nc\"");
    assertThat(Csv.field("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
    assertThat(Csv.field(new BigDecimal("-5.000"))).isEqualTo("-5.000");
    assertThat(CsvReader.parse(new Csv("a", "b").row("x, y", "say \"hi\"").toString()))
        .containsExactly(List.of("a", "b"), List.of("x, y", "say \"hi\""));
  }

  @Test
  void onlyManagersReadTheDashboard() {
    for (Role role : new Role[] {Role.FACILITATOR, Role.EVALUATOR, Role.ADMIN}) {
      Account someone = TestAccounts.staff(role);
      someone.given().redirects().follow(false).get("/dashboard").then().statusCode(403);
      someone.given().redirects().follow(false).get("/dashboard/drills.csv").then().statusCode(403);
    }
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    Fixture open = TestDrills.drill(facilitator.id(), "weights-walkout", "Solo");
    TestDrills.Member participant = TestDrills.member(open, open.team(0), facilitator.id(), "Ana");
    TestAccounts.session(participant.session())
        .redirects()
        .follow(false)
        .get("/dashboard")
        .then()
        .statusCode(403);
  }

  @Test
  void aBadDateIsRefusedSayingWhatToType() {
    Account manager = TestAccounts.staff(Role.MANAGER);
    manager
        .given()
        .queryParam("from", "28/11/2026")
        .get("/dashboard")
        .then()
        .statusCode(400)
        .body(containsString("From must be a date such as 2026-11-28, not 28/11/2026."))
        .body(containsString("value=\"28/11/2026\""));
    manager
        .given()
        .queryParam("to", "2026-02-30")
        .get("/dashboard/steps.csv")
        .then()
        .statusCode(400)
        .body(containsString("To must be a date such as 2026-11-28, not 2026-02-30."));
    manager
        .given()
        .queryParam("from", "2026-11-29")
        .queryParam("to", "2026-11-01")
        .get("/dashboard")
        .then()
        .statusCode(400)
        .body(containsString("From (2026-11-29) must not be after To (2026-11-01)."));
  }

  private void assertStored(long drillId, TeamScore team) {
    Object[] row =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    (Object[])
                        entities
                            .createNativeQuery(
                                "SELECT drill_id, team_name, scenario_id, earned, maximum,"
                                    + " percentage, adjusted_earned, adjusted_percentage"
                                    + " FROM stored_score WHERE team_id = ?1")
                            .setParameter(1, team.teamId())
                            .getSingleResult());
    assertThat(((Number) row[0]).longValue()).isEqualTo(drillId);
    assertThat(row[1]).isEqualTo(team.name());
    assertThat(row[2]).isEqualTo("weights-walkout");
    assertThat((BigDecimal) row[3]).isEqualTo(team.earned().setScale(3));
    assertThat(((Number) row[4]).intValue()).isEqualTo(team.maximum());
    assertThat((BigDecimal) row[5]).isEqualTo(team.percentage().setScale(1));
    assertThat((BigDecimal) row[6]).isEqualTo(team.adjustedEarned().setScale(3));
    assertThat((BigDecimal) row[7]).isEqualTo(team.adjustedPercentage().setScale(1));

    Map<String, String> controls = new TreeMap<>();
    Map<String, String> steps = new TreeMap<>();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (Object o :
                  entities
                      .createNativeQuery(
                          "SELECT control, earned, maximum, percentage FROM stored_score_control"
                              + " WHERE team_id = ?1")
                      .setParameter(1, team.teamId())
                      .getResultList()) {
                Object[] c = (Object[]) o;
                controls.put((String) c[0], c[1] + "/" + c[2] + "/" + c[3]);
              }
              for (Object o :
                  entities
                      .createNativeQuery(
                          "SELECT step_id, status, credit FROM stored_score_step WHERE team_id = ?1")
                      .setParameter(1, team.teamId())
                      .getResultList()) {
                Object[] s = (Object[]) o;
                steps.put((String) s[0], s[1] + "/" + s[2]);
              }
            });
    Map<String, String> expectedControls = new TreeMap<>();
    for (Breakdown b : team.controls()) {
      expectedControls.put(
          b.key(), b.earned().setScale(3) + "/" + b.maximum() + "/" + b.percentage().setScale(1));
    }
    Map<String, String> expectedSteps = new TreeMap<>();
    for (StepResult s : team.steps()) {
      expectedSteps.put(s.stepId(), s.status().name() + "/" + s.credit().setScale(3));
    }
    assertThat(controls).isEqualTo(expectedControls);
    assertThat(steps).isEqualTo(expectedSteps);
  }

  private Scorecard score(long drillId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Drills.Snapshot s = drills.snapshot(drillId);
              return Scorer.score(s.scenario(), s.events());
            });
  }

  private long lastSeq(long drillId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entities
                            .createNativeQuery(
                                "SELECT MAX(last_seq) FROM stored_score WHERE drill_id = ?1")
                            .setParameter(1, drillId)
                            .getSingleResult())
                    .longValue());
  }

  private static List<List<String>> csv(Account manager, String table, String team) {
    var request = manager.given();
    if (team != null) {
      request.queryParam("team", team);
    }
    String body =
        request
            .get("/dashboard/" + table + ".csv")
            .then()
            .statusCode(200)
            .header("Content-Type", containsString("text/csv"))
            .header("Content-Disposition", containsString(table + ".csv"))
            .extract()
            .asString();
    return CsvReader.parse(body);
  }
}
