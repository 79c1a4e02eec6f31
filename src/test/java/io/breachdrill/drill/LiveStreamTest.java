package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.drill.EventStream.Message;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live pages' server-sent events: fragments rendered on the server with the event's seq as id,
 * a reconnect with Last-Event-ID that resumes without a gap or a duplicate, and a participant's
 * stream that carries nothing of another team.
 */
@QuarkusTest
class LiveStreamTest {

  static final Duration QUIET = Duration.ofMillis(400);

  Account facilitator;
  TestDrills.Fixture drill;
  Console console;
  Player ana;
  Player rui;

  @BeforeEach
  void runningDrill() {
    facilitator = TestAccounts.staff(Role.FACILITATOR);
    drill = TestDrills.drill(facilitator.id(), "weights-walkout", "Blue", "Red");
    console = new Console(facilitator, drill.drillId());
    ana =
        Player.of(
            TestDrills.member(drill, drill.team(0), facilitator.id(), "Ana Lima"), "Ana Lima");
    rui =
        Player.of(
            TestDrills.member(drill, drill.team(1), facilitator.id(), "Rui Costa"), "Rui Costa");
    console.command("start");
    console.awaitDelivered(blue(), "bastion-login");
    console.awaitDelivered(red(), "bastion-login");
  }

  long blue() {
    return drill.team(0);
  }

  long red() {
    return drill.team(1);
  }

  /** The stream address the page's script opens: it starts after the seq the page shows. */
  static String streamOf(String page) {
    Matcher stream = Pattern.compile("data-stream=\"([^\"]+)\"").matcher(page);
    assertThat(stream.find()).as("the page names its live stream").isTrue();
    return stream.group(1);
  }

  static long after(String streamPath) {
    return Long.parseLong(streamPath.replaceAll(".*[?&]after=(\\d+).*", "$1"));
  }

  long seqOf(String type, Long teamId, String title) {
    return console.events().stream()
        .filter(e -> e.type().equals(type))
        .filter(e -> teamId == null ? e.teamId() == null : teamId.equals(e.teamId()))
        .filter(e -> title == null || title.equals(e.dataText("title")))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no " + type + " " + title))
        .seq();
  }

  void adhoc(String title, long... teams) {
    console.commandTo(
        "#timeline",
        "adhoc",
        "channel",
        "chat",
        "title",
        title,
        "body",
        "Message for **" + title + "**",
        "team",
        LongStream.of(teams).boxed().toList());
  }

  @Test
  void anInjectDeliveredAfterThePageLoadedArrivesAsItsRenderedFragment() {
    String page = ana.page();
    String path = streamOf(page);
    assertThat(path).startsWith("/teams/" + blue() + "/stream?after=");
    long shown = after(path);
    long bastion = Console.delivery(console.state(), blue(), "bastion-login").orElseThrow().seq();
    assertThat(shown).isGreaterThanOrEqualTo(bastion);
    assertThat(page).contains("<li id=\"inject-" + bastion + "\"");

    try (EventStream stream = EventStream.open(path, ana.session(), null)) {
      assertThat(stream.contentType()).startsWith("text/event-stream");
      console.advanceTo(Duration.ofMinutes(8).plusSeconds(5));
      console.awaitDelivered(blue(), "dr-sync-heads-up");
      DrillApi.State state = console.awaitDelivered(red(), "dr-sync-heads-up");
      long blueSync = Console.delivery(state, blue(), "dr-sync-heads-up").orElseThrow().seq();
      long redSync = Console.delivery(state, red(), "dr-sync-heads-up").orElseThrow().seq();
      console.command("pause");
      long paused = seqOf("PAUSED", null, null);

      List<Message> got = stream.untilId(paused);

      assertThat(EventStream.ids(got)).containsExactly(blueSync, paused);
      Message update = got.get(0);
      assertThat(update.name()).isEqualTo("update");
      assertThat(update.data().strip())
          .startsWith("<li id=\"inject-" + blueSync + "\"")
          .contains("#ml-platform-oncall: tonight", "<strong>Rasmus Lindqvist</strong>")
          .doesNotContain("inject-" + redSync);
      assertThat(got.get(1).data()).contains("id=\"clock\"", ">Paused</span>");
      assertThat(stream.more(QUIET)).isEmpty();
    }
  }

  @Test
  void reconnectingWithLastEventIdReplaysExactlyWhatThePageMissed() {
    String path = streamOf(ana.page());
    long shown = after(path);
    try (EventStream live = EventStream.open(path, ana.session(), null)) {
      adhoc("Blue only", blue());
      adhoc("Red only", red());
      console.commandTo("#timeline", "notes", "text", "Both teams are quiet");
      adhoc("Everyone", blue(), red());
      console.command("pause");
      long blueOnly = seqOf("INJECT_DELIVERED", blue(), "Blue only");
      long redOnly = seqOf("INJECT_DELIVERED", red(), "Red only");
      long blueEveryone = seqOf("INJECT_DELIVERED", blue(), "Everyone");
      long redEveryone = seqOf("INJECT_DELIVERED", red(), "Everyone");
      long paused = seqOf("PAUSED", null, null);
      assertThat(console.state().lastSeq()).isEqualTo(paused);

      List<Message> seenLive = live.untilId(paused);
      assertThat(EventStream.ids(seenLive)).containsExactly(blueOnly, blueEveryone, paused);
      assertThat(seenLive.get(0).data())
          .contains("<li id=\"inject-" + blueOnly + "\"", "<strong>Blue only</strong>");
      assertThat(seenLive).noneSatisfy(m -> assertThat(m.data()).contains("Red only"));
      live.close();

      try (EventStream resumed = EventStream.open(path, ana.session(), blueOnly)) {
        List<Message> replay = resumed.untilId(paused);
        assertThat(EventStream.ids(replay)).containsExactly(blueEveryone, paused);
        assertThat(replay.get(0).data()).contains("<li id=\"inject-" + blueEveryone + "\"");
        assertThat(resumed.more(QUIET)).isEmpty();
      }
      try (EventStream fromPage = EventStream.open(path, ana.session(), shown)) {
        assertThat(EventStream.ids(fromPage.untilId(paused)))
            .containsExactly(blueOnly, blueEveryone, paused);
        assertThat(fromPage.more(QUIET)).isEmpty();
      }
      try (EventStream red =
          EventStream.open("/teams/" + red() + "/stream", rui.session(), shown)) {
        List<Message> theirs = red.untilId(paused);
        assertThat(EventStream.ids(theirs)).containsExactly(redOnly, redEveryone, paused);
        assertThat(theirs).noneSatisfy(m -> assertThat(m.data()).contains("Blue only"));
        assertThat(red.more(QUIET)).isEmpty();
      }
    }
  }

  @Test
  void theConsoleStreamReplaysEveryEventAfterLastEventIdAsATimelineRow() {
    adhoc("Blue only", blue());
    adhoc("Red only", red());
    console.commandTo("#timeline", "notes", "text", "Both teams are quiet");
    console.command("pause");
    List<Console.Logged> events = console.events();
    long started = seqOf("STARTED", null, null);
    long last = events.get(events.size() - 1).seq();

    try (EventStream stream =
        EventStream.open(console.path() + "/stream", facilitator.session(), started)) {
      assertThat(stream.contentType()).startsWith("text/event-stream");
      List<Message> replay = stream.untilId(last);
      assertThat(EventStream.ids(replay))
          .containsExactlyElementsOf(LongStream.rangeClosed(started + 1, last).boxed().toList());
      assertThat(replay)
          .allSatisfy(
              m -> {
                assertThat(m.name()).isEqualTo("update");
                assertThat(m.data()).contains("<tr id=\"event-" + m.id() + "\"");
              });
      assertThat(replay)
          .anySatisfy(m -> assertThat(m.data()).contains("ad-hoc: Blue only"))
          .anySatisfy(m -> assertThat(m.data()).contains("ad-hoc: Red only"))
          .anySatisfy(m -> assertThat(m.data()).contains("Both teams are quiet"));
      assertThat(stream.more(QUIET)).isEmpty();
    }
  }

  @Test
  void manyPagesOnOneDrillEachGetTheirTeamsEventsOnceWhetherOpenedEarlyOrLate() {
    String path = streamOf(ana.page());
    long shown = after(path);
    List<EventStream> blues = new java.util.ArrayList<>();
    List<EventStream> reds = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        blues.add(EventStream.open(path, ana.session(), null));
        reds.add(EventStream.open("/teams/" + red() + "/stream", rui.session(), shown));
      }
      adhoc("Blue only", blue());
      adhoc("Everyone", blue(), red());
      // Pages opened while the drill moves on start from what they showed, like the first ones.
      blues.add(EventStream.open(path, ana.session(), null));
      reds.add(EventStream.open("/teams/" + red() + "/stream", rui.session(), shown));
      adhoc("Red only", red());
      console.command("pause");
      long paused = seqOf("PAUSED", null, null);
      List<Long> blueIds =
          List.of(
              seqOf("INJECT_DELIVERED", blue(), "Blue only"),
              seqOf("INJECT_DELIVERED", blue(), "Everyone"),
              paused);
      List<Long> redIds =
          List.of(
              seqOf("INJECT_DELIVERED", red(), "Everyone"),
              seqOf("INJECT_DELIVERED", red(), "Red only"),
              paused);

      for (EventStream page : blues) {
        assertThat(EventStream.ids(page.untilId(paused))).containsExactlyElementsOf(blueIds);
      }
      for (EventStream page : reds) {
        assertThat(EventStream.ids(page.untilId(paused))).containsExactlyElementsOf(redIds);
      }
      for (EventStream page : blues) {
        assertThat(page.more(QUIET)).isEmpty();
      }
    } finally {
      blues.forEach(EventStream::close);
      reds.forEach(EventStream::close);
    }
  }

  @Test
  void aParticipantCannotOpenAnotherTeamsStream() {
    ana.given()
        .header("Accept", "text/event-stream")
        .get("/teams/" + red() + "/stream")
        .then()
        .statusCode(403);
  }
}
