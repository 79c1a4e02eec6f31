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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  @Inject DashboardSums sums;
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
    DashboardFilter blue = new DashboardFilter(null, p.blue(), null, null);
    QuarkusTransaction.requiringNew().run(() -> stored.delete(drillId));
    assertThat(dashboard.scores(blue)).hasSize(1);
    assertThat(triage(blue).total()).isEqualTo(1);

    assertThat(stored.backfill()).isGreaterThanOrEqualTo(1);
    for (TeamScore team : score(drillId).teams()) {
      assertStored(drillId, team);
    }
    assertThat(triage(blue).total()).isEqualTo(2);
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

  /** Seven drills of one team: five on the first page, newest first, and two on the second. */
  @Test
  void pagesListTheNextDrillsKeepTheFilterAndTheChartsStayWhole() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String team = "Pager " + suffix;
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    for (int i = 1; i <= 7; i++) {
      DashboardDrills.finished(
          facilitator,
          "weights-walkout",
          "Paging drill " + i + " of " + suffix,
          List.of(team),
          java.util.Arrays.asList((String) null));
    }
    Account manager = TestAccounts.staff(Role.MANAGER);
    String first =
        manager
            .given()
            .queryParam("team", team)
            .get("/dashboard")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(first).contains("Drills 1 to 5 of 7, the most recently finished first.");
    String firstTable = drillsTable(first);
    assertThat(firstTable)
        .contains("Paging drill 3 of " + suffix)
        .doesNotContain("Paging drill 2 of " + suffix, "Paging drill 1 of " + suffix);
    assertThat(firstTable.indexOf("Paging drill 7 of " + suffix))
        .isNotNegative()
        .isLessThan(firstTable.indexOf("Paging drill 6 of " + suffix));

    Matcher next = Pattern.compile("<a href=\"([^\"]+)\" rel=\"next\">Next</a>").matcher(first);
    assertThat(next.find()).as("a link to the next page").isTrue();
    String href = next.group(1).replace("&amp;", "&");
    assertThat(href).contains("page=2").contains("team=Pager+" + suffix);
    String second =
        manager
            .given()
            .urlEncodingEnabled(false)
            .get(href)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(drillsTable(second))
        .contains("Paging drill 2 of " + suffix, "Paging drill 1 of " + suffix)
        .doesNotContain("Paging drill 3 of " + suffix);
    assertThat(second)
        .contains("Drills 6 to 7 of 7, the most recently finished first.")
        .contains("value=\"" + team + "\"")
        // the heat map counts every matching drill, not the page's two
        .contains("0 on time, 0 late, 7 missed, 0 harmed");

    String beyond =
        manager
            .given()
            .queryParam("team", team)
            .queryParam("page", "3")
            .get("/dashboard")
            .then()
            .statusCode(404)
            .extract()
            .asString();
    assertThat(beyond)
        .contains("There is no page 3 of finished drills: the filter matches 7 drills, on 2 pages.")
        .contains("Go to the last page");
    manager
        .given()
        .queryParam("page", "0")
        .get("/dashboard")
        .then()
        .statusCode(400)
        .body(containsString("Page must be a whole number from 1 up, not 0."));

    assertThat(csv(manager, "drills", team)).hasSize(1 + 7);
  }

  /** Beyond a couple of hundred team scores each chart point is a team's average in a month. */
  @Test
  void manyScoresAreChartedAsEachTeamsMonthlyAverage() {
    Played p = played();
    DashboardFilter red = new DashboardFilter(null, p.red(), null, null);
    List<Dashboard.ScoreRow> scores = dashboard.scores(red);
    Dashboard.Trend trend = dashboard.trend(red, Dashboard.DRILL_POINTS_UP_TO + 1);

    assertThat(trend.monthly()).isTrue();
    long drills = 0;
    BigDecimal weighted = BigDecimal.ZERO;
    for (DashboardChart.Sample sample : trend.overall()) {
      assertThat(sample.team()).isEqualTo(p.red());
      long count = Long.parseLong(sample.note().replaceAll("\\D", ""));
      drills += count;
      weighted = weighted.add(sample.percentage().multiply(BigDecimal.valueOf(count)));
    }
    assertThat(drills).isEqualTo(scores.size());
    BigDecimal total =
        scores.stream()
            .map(Dashboard.ScoreRow::percentage)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(weighted.subtract(total).abs())
        .as("each month's average is its drills' mean, to a rounding")
        .isLessThanOrEqualTo(new BigDecimal("0.05").multiply(BigDecimal.valueOf(drills)));
    assertThat(trend.byControl()).containsKey("identity-mfa");
  }

  /**
   * The heat map reads monthly sums plus stored rows at the edges of the dates: for filters that
   * start and end anywhere in a month, its counts are those of the stored steps themselves.
   */
  @Test
  void heatMapCountsAreTheStoredStepsForAnyDates() {
    Played p = played();
    LocalDate day = p.day1();
    LocalDate monthStart = day.withDayOfMonth(1);
    List<LocalDate> days =
        java.util.Arrays.asList(
            null,
            monthStart.minusDays(20),
            monthStart,
            day.minusDays(1),
            day,
            day.plusDays(1),
            monthStart.plusMonths(1).minusDays(1),
            monthStart.plusMonths(1));
    for (LocalDate from : days) {
      for (LocalDate to : days) {
        if (from != null && to != null && from.isAfter(to)) {
          continue;
        }
        for (String team : java.util.Arrays.asList(null, p.blue())) {
          DashboardFilter filter = new DashboardFilter(null, team, from, to);
          assertThat(dashboard.steps(filter)).as("%s", filter).isEqualTo(storedSteps(filter));
        }
      }
    }
  }

  /** Sums marked unbuilt (as after the migration that adds them) are rebuilt whole at start. */
  @Test
  void sumsMarkedUnbuiltAreRebuiltFromTheStoredRows() {
    Played p = played();
    DashboardFilter all = DashboardFilter.NONE;
    List<Dashboard.StepCount> before = storedSteps(all);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              entities.createNativeQuery("DELETE FROM stored_month_step").executeUpdate();
              entities
                  .createNativeQuery("UPDATE stored_month_state SET built_at = NULL")
                  .executeUpdate();
            });
    assertThat(dashboard.steps(all)).isEmpty();
    int months =
        QuarkusTransaction.requiringNew().call(() -> sums.rebuildAllIfNeeded(TestClock.now()));
    assertThat(months).isPositive();
    assertThat(dashboard.steps(all)).isEqualTo(before);
    assertThat(
            QuarkusTransaction.requiringNew().call(() -> sums.rebuildAllIfNeeded(TestClock.now())))
        .isEqualTo(-1);
    assertThat(p).isNotNull();
  }

  /** The heat map counted straight from the stored steps, without the monthly sums. */
  @SuppressWarnings("unchecked")
  private List<Dashboard.StepCount> storedSteps(DashboardFilter filter) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<Object> parameters = new java.util.ArrayList<>();
              var query =
                  entities.createNativeQuery(
                      "SELECT s.scenario_id, p.step_id, MAX(p.title), s.team_name,"
                          + " SUM(CASE WHEN p.status = 'ON_TIME' THEN 1 ELSE 0 END),"
                          + " SUM(CASE WHEN p.status = 'LATE' THEN 1 ELSE 0 END),"
                          + " SUM(CASE WHEN p.status = 'MISSED' THEN 1 ELSE 0 END),"
                          + " SUM(CASE WHEN p.status = 'HARMED' THEN 1 ELSE 0 END)"
                          + " FROM stored_score s JOIN stored_score_step p"
                          + " ON p.team_id = s.team_id WHERE "
                          + filter.where(parameters)
                          + " GROUP BY s.scenario_id, p.step_id, s.team_name"
                          + " ORDER BY s.scenario_id, p.step_id, s.team_name");
              for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
              }
              return ((List<Object[]>) query.getResultList())
                  .stream()
                      .map(
                          r ->
                              new Dashboard.StepCount(
                                  (String) r[0],
                                  (String) r[1],
                                  (String) r[2],
                                  (String) r[3],
                                  ((Number) r[4]).intValue(),
                                  ((Number) r[5]).intValue(),
                                  ((Number) r[6]).intValue(),
                                  ((Number) r[7]).intValue()))
                      .toList();
            });
  }

  /** The finished-drills table of a dashboard page. */
  private static String drillsTable(String page) {
    int start = page.indexOf("<table aria-describedby=\"drills-shown\">");
    assertThat(start).as("the drills table").isNotNegative();
    return page.substring(start, page.indexOf("</table>", start));
  }

  private Dashboard.StepCount triage(DashboardFilter filter) {
    return dashboard.steps(filter).stream()
        .filter(c -> c.stepId().equals("triage-bastion-login"))
        .findFirst()
        .orElseThrow();
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
