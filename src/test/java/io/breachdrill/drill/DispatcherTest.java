package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.drill.engine.DrillTimes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher: decision time-outs and their branches, claiming drills with SKIP LOCKED,
 * exactly-once delivery in the database, the append-only log, and catching up after downtime.
 */
@QuarkusTest
class DispatcherTest {

  static final long MINUTE = Duration.ofMinutes(1).toMillis();

  @Inject Drills drills;
  @Inject InjectDispatcher dispatcher;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String url;

  @ConfigProperty(name = "quarkus.datasource.username")
  String user;

  Account facilitator;
  ExecutorService background = Executors.newSingleThreadExecutor();

  @BeforeEach
  void facilitator() {
    facilitator = TestAccounts.staff(Role.FACILITATOR);
  }

  @AfterEach
  void stopThreads() {
    background.shutdownNow();
  }

  /** A drill of one team, Blue, with a soc-analyst in it (who sees every inject). */
  record Running(Console console, long blue, Player ana, DrillApi.Delivered bastion) {}

  /** Started at a speed that keeps the app's clock near real time; the first inject is there. */
  Running started(String speed) {
    TestDrills.Fixture drill = TestDrills.drill(facilitator.id(), "weights-walkout", "Blue");
    Console console = new Console(facilitator, drill.drillId());
    if (!speed.equals("1")) {
      console.command("speed", "speed", speed);
    }
    Player ana =
        Player.of(
            TestDrills.member(drill, drill.team(0), facilitator.id(), "Ana Lima"), "Ana Lima");
    console.command("start");
    DrillApi.State state = console.awaitDelivered(drill.team(0), "bastion-login");
    return new Running(
        console,
        drill.team(0),
        ana,
        Console.delivery(state, drill.team(0), "bastion-login").orElseThrow());
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }

  @Test
  void aDrillThatCannotBeAdvancedDoesNotHoldUpTheOthers() throws SQLException {
    Running broken = started("1");
    Running healthy = started("1");
    long brokenId = broken.console().drillId();
    try (Connection db = connect();
        Statement statement = db.createStatement()) {
      // a gap in the log, as a damaged row or a frozen scenario that no longer reads would give
      statement.executeUpdate(
          "INSERT INTO drill_event (id, drill_id, seq, type, occurred_at, drill_ms, data) "
              + "SELECT nextval('drill_event_seq'), id, 1000, 'NOTE_ADDED', now(), 0, '{}' "
              + "FROM drill WHERE id = "
              + brokenId);
      statement.executeUpdate(
          "UPDATE drill SET next_due_at = now() - interval '1 hour' WHERE id = " + brokenId);
    }

    healthy.console().advanceTo(Duration.ofMinutes(8).plusSeconds(1));

    assertThat(
            Console.delivered(
                healthy.console().awaitDelivered(healthy.blue(), "dr-sync-heads-up"),
                healthy.blue()))
        .contains("dr-sync-heads-up");
    try (Connection db = connect();
        Statement statement = db.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT next_due_at > now() + interval '30 seconds' FROM drill WHERE id = "
                    + brokenId)) {
      rows.next();
      assertThat(rows.getBoolean(1)).as("the broken drill is put back for later").isTrue();
    }
  }

  @Test
  void anUnansweredDecisionTimesOutAndItsTimeoutBranchFollowsAfterItsDelay() {
    Running drill = started("10");
    Console console = drill.console();
    long deadline = drill.bastion().drillMs() + 10 * MINUTE;

    console.advanceTo(Duration.ofMillis(deadline + 1_000));
    List<Console.Logged> events =
        Eventually.until(
            "first-move to time out",
            console::events,
            es -> es.stream().anyMatch(e -> e.type().equals("DECISION_TIMED_OUT")));
    Console.Logged timeout =
        events.stream().filter(e -> e.type().equals("DECISION_TIMED_OUT")).findFirst().get();
    assertThat(timeout.teamId()).isEqualTo(drill.blue());
    assertThat(timeout.dataText("decisionId")).isEqualTo("first-move");
    assertThat(timeout.dataMs("deadlineMs")).isEqualTo(deadline);
    assertThat(timeout.drillMs()).isGreaterThanOrEqualTo(deadline);
    assertThat(timeout.actor()).isNull();

    DrillApi.State state = console.state();
    DrillApi.Decided outcome = Console.decided(state, drill.blue(), "first-move").orElseThrow();
    assertThat(outcome.timedOut()).isTrue();
    assertThat(outcome.optionId()).isNull();
    assertThat(Console.team(state, drill.blue()).openDecisions()).doesNotContain("first-move");
    assertThat(Console.delivered(state, drill.blue())).doesNotContain("soar-autoclose");
    String page = drill.ana().page();
    assertThat(Pages.text(page))
        .contains("No answer in time: the decision timed out at " + DrillTimes.format(deadline));
    assertThat(page).doesNotContain("decisions/first-move");
    Pages.refused(drill.ana().decide("first-move", "watch", "late"), 409, "Conflict")
        .contains("This decision already timed out at " + DrillTimes.format(deadline) + ".");

    console.advanceTo(Duration.ofMillis(deadline + 15 * MINUTE + 1_000));
    DrillApi.State branched = console.awaitDelivered(drill.blue(), "soar-autoclose");
    DrillApi.Delivered autoclose =
        Console.delivery(branched, drill.blue(), "soar-autoclose").orElseThrow();
    assertThat(autoclose.dueMs()).isEqualTo(deadline + 15 * MINUTE);
    assertThat(autoclose.early()).isFalse();
    assertThat(Console.delivered(branched, drill.blue()))
        .doesNotContain("researcher-callback", "suspend-fallout", "bastion-session-recording");
    assertThat(Pages.text(drill.ana().page()))
        .contains("SOC queue: alert auto-closed as known traveller");
  }

  @Test
  void theDispatcherSkipsADrillAnotherTransactionHoldsAndDeliversOnceItIsFree() throws Exception {
    Running locked = started("10");
    Running free = started("10");
    long due = 8 * MINUTE;

    try (Connection other = connect()) {
      other.setAutoCommit(false);
      try (PreparedStatement lock =
          other.prepareStatement("SELECT id FROM drill WHERE id = ? FOR UPDATE")) {
        lock.setLong(1, locked.console().drillId());
        assertThat(lock.executeQuery().next()).isTrue();
      }
      locked.console().advanceTo(Duration.ofMillis(due + 5_000));
      free.console().advanceTo(Duration.ofMillis(due + 5_000));

      returnsPromptly("a dispatch pass", background.submit(dispatcher::dispatch));
      returnsPromptly("claiming the next due drill", background.submit(drills::deliverNextDue));
      free.console().awaitDelivered(free.blue(), "dr-sync-heads-up");
      assertThat(Console.delivered(locked.console().state(), locked.blue()))
          .containsExactly("bastion-login");
      assertThat(locked.console().state().lastSeq()).isEqualTo(locked.bastion().seq());

      other.rollback();
    }
    DrillApi.State delivered = locked.console().awaitDelivered(locked.blue(), "dr-sync-heads-up");
    DrillApi.Delivered late =
        Console.delivery(delivered, locked.blue(), "dr-sync-heads-up").orElseThrow();
    assertThat(late.dueMs()).isEqualTo(due);
    assertThat(late.drillMs()).isGreaterThan(due);
  }

  /** Fails when the call waits for the locked row instead of skipping it. */
  static void returnsPromptly(String what, Future<?> call) throws Exception {
    try {
      call.get(Eventually.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          what + " still waits after " + Eventually.TIMEOUT.toSeconds() + " s on a locked drill",
          e);
    }
  }

  @Test
  void theDatabaseRefusesASecondDeliveryOrOutcomeOfTheSameKeyForATeam() throws SQLException {
    Running drill = started("1");
    drill.ana().decide("first-move", "watch", "see what they want").then().statusCode(303);
    Console console = drill.console();
    List<Console.Logged> before = console.events();
    long next = before.get(before.size() - 1).seq() + 100;

    try (Connection connection = connect()) {
      assertThatThrownBy(
              () ->
                  insert(
                      connection,
                      -console.drillId(),
                      console.drillId(),
                      next,
                      "INJECT_DELIVERED",
                      drill.blue(),
                      "bastion-login",
                      "{\"injectId\":\"bastion-login\"}"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"))
          .hasMessageContaining("drill_event_once");
      assertThatThrownBy(
              () ->
                  insert(
                      connection,
                      -console.drillId() - 1,
                      console.drillId(),
                      next + 1,
                      "DECISION_TIMED_OUT",
                      drill.blue(),
                      "decision:first-move",
                      "{\"decisionId\":\"first-move\",\"deadlineMs\":600000}"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"))
          .hasMessageContaining("drill_event_once");
    }
    assertThat(console.events()).isEqualTo(before);
    assertThat(Console.decided(console.state(), drill.blue(), "first-move").orElseThrow())
        .satisfies(d -> assertThat(d.optionId()).isEqualTo("watch"));
  }

  static void insert(
      Connection connection,
      long id,
      long drillId,
      long seq,
      String type,
      long teamId,
      String onceKey,
      String data)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO drill_event (id, drill_id, seq, type, team_id, once_key, occurred_at,"
                + " drill_ms, actor, data) VALUES (?, ?, ?, ?, ?, ?, now(), 0, NULL, ?)")) {
      insert.setLong(1, id);
      insert.setLong(2, drillId);
      insert.setLong(3, seq);
      insert.setString(4, type);
      insert.setLong(5, teamId);
      insert.setString(6, onceKey);
      insert.setString(7, data);
      insert.executeUpdate();
    }
  }

  @Test
  void theDrillLogIsAppendOnlyInTheDatabase() throws SQLException {
    Running drill = started("1");
    Console console = drill.console();
    List<Console.Logged> before = console.events();
    long drillId = console.drillId();

    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      for (String statement :
          List.of(
              "UPDATE drill_event SET actor = 'someone else' WHERE drill_id = " + drillId,
              "DELETE FROM drill_event WHERE drill_id = " + drillId,
              "TRUNCATE drill_event")) {
        String operation = statement.substring(0, statement.indexOf(' '));
        try (Statement sql = connection.createStatement()) {
          assertThatThrownBy(() -> sql.executeUpdate(statement))
              .hasMessageContaining("drill_event is append-only: " + operation + " refused");
        } finally {
          // were the trigger missing, nothing of this test's change would stay
          connection.rollback();
        }
      }
    }
    assertThat(console.events()).isEqualTo(before);
  }

  @Test
  void afterDowntimeEverythingDueArrivesOnceInDrillTimeOrderWithItsDueTime() {
    Running drill = started("10");
    Console console = drill.console();
    long timeout = drill.bastion().drillMs() + 10 * MINUTE;

    console.advanceTo(Duration.ofMinutes(40).plusSeconds(1));
    DrillApi.State state = console.awaitDelivered(drill.blue(), "registry-access");

    List<DrillApi.Delivered> caughtUp =
        Console.team(state, drill.blue()).delivered().stream()
            .filter(d -> d.seq() > drill.bastion().seq())
            .filter(d -> d.shownMs() <= 40 * MINUTE)
            .toList();
    assertThat(caughtUp)
        .extracting(DrillApi.Delivered::injectId)
        .containsExactly(
            "dr-sync-heads-up",
            "push-fatigue-log",
            "spray-noise",
            "egress-volume",
            "soar-autoclose",
            "kube-audit-job",
            "registry-access");
    assertThat(caughtUp)
        .extracting(DrillApi.Delivered::dueMs)
        .containsExactly(
            8 * MINUTE,
            12 * MINUTE,
            18 * MINUTE,
            22 * MINUTE,
            timeout + 15 * MINUTE,
            30 * MINUTE,
            40 * MINUTE);
    assertThat(caughtUp)
        .allSatisfy(d -> assertThat(d.shownMs()).isEqualTo(d.dueMs()))
        .allSatisfy(d -> assertThat(d.drillMs()).isGreaterThanOrEqualTo(40 * MINUTE))
        .allSatisfy(d -> assertThat(d.early()).isFalse())
        .isSortedAccordingTo(java.util.Comparator.comparingLong(DrillApi.Delivered::seq));

    List<Console.Logged> log =
        console.events().stream()
            .filter(e -> e.seq() > drill.bastion().seq())
            .filter(e -> e.type().equals("INJECT_DELIVERED") || e.type().startsWith("DECISION_"))
            .toList();
    assertThat(log.subList(0, 3))
        .extracting(e -> e.type() + " " + key(e))
        .containsExactly(
            "INJECT_DELIVERED dr-sync-heads-up",
            "DECISION_TIMED_OUT decision first-move",
            "INJECT_DELIVERED push-fatigue-log");
    assertThat(log.get(1).dataMs("deadlineMs")).isEqualTo(timeout);
    Map<String, Long> perKey =
        console.events().stream()
            .filter(e -> e.type().equals("INJECT_DELIVERED") || e.type().startsWith("DECISION_"))
            .collect(Collectors.groupingBy(e -> e.teamId() + " " + key(e), Collectors.counting()));
    assertThat(perKey).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));

    String page = drill.ana().page();
    for (DrillApi.Delivered d : caughtUp) {
      assertThat(Pages.text(Pages.feedItem(page, d.seq())))
          .as("the team sees when %s was due", d.injectId())
          .contains(DrillTimes.format(d.dueMs()));
    }
    assertThat(Pages.text(drill.console().page())).contains("(due 0:08:00)");
  }

  /** What may happen once per team: an inject's delivery or a decision's outcome. */
  static String key(Console.Logged event) {
    return event.type().equals("INJECT_DELIVERED")
        ? event.dataText("injectId")
        : "decision " + event.dataText("decisionId");
  }
}
