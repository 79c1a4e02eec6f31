package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.web.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A browser that stops reading its live stream (a laptop lid closed, a frozen tab, a proxy that
 * buffers) must cost the others nothing: everyone else's pages keep updating, injects keep coming,
 * and the stuck stream is hung up after a bound instead of piling up messages in memory.
 */
@QuarkusTest
@TestProfile(StalledClientTest.QuickLimits.class)
class StalledClientTest {

  public static class QuickLimits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "breachdrill.live.stall-timeout", "3s",
          "breachdrill.live.max-unwritten", "16",
          "breachdrill.live.heartbeat", "1s");
    }
  }

  @Test
  void aClientThatStopsReadingIsHungUpWhileEveryoneElseKeepsUpdating() throws IOException {
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    String[] teams = IntStream.rangeClosed(1, 20).mapToObj(i -> "Team " + i).toArray(String[]::new);
    TestDrills.Fixture drill = TestDrills.drill(facilitator.id(), "weights-walkout", teams);
    Console console = new Console(facilitator, drill.drillId());
    console.command("start");
    console.awaitDelivered(drill.team(0), "bastion-login");
    long before = console.state().lastSeq();
    String scorecard = "/drills/" + drill.drillId() + "/scorecard/stream?after=" + before;

    try (Socket stuck = stuckReader(scorecard, facilitator.session());
        EventStream console1 =
            EventStream.open(
                "/drills/" + drill.drillId() + "/stream?after=" + before,
                facilitator.session(),
                null)) {
      int opened = openStreams();
      int notes = 0;
      // Every note makes the scorecard stream send the whole scorecard of twenty teams, until
      // the stuck reader's socket buffers are full and the server gives up on it.
      while (openStreams() == opened) {
        assertThat(notes).as("notes sent before the stuck stream was hung up").isLessThan(400);
        console.commandTo("#timeline", "notes", "text", "Observation " + notes);
        notes++;
      }
      assertThat(openStreams()).isEqualTo(opened - 1);

      // The facilitator's own console saw every event, in order, while the other stream was stuck.
      long last = console.state().lastSeq();
      List<Long> seen = EventStream.ids(console1.untilId(last));
      assertThat(seen)
          .containsExactlyElementsOf(LongStream.rangeClosed(before + 1, last).boxed().toList());

      // The dispatcher kept going: the next scheduled inject reaches every team.
      console.advanceTo(Duration.ofMinutes(8).plusSeconds(5));
      for (long team : drill.teamIds()) {
        console.awaitDelivered(team, "dr-sync-heads-up");
      }

      // The server closed the stuck connection: once the client reads, it reaches the end.
      assertThat(readToEnd(stuck)).as("bytes the stuck client had been sent").isGreaterThan(0);
    }
  }

  /** A client that sends its request and then never reads, with a small receive window. */
  static Socket stuckReader(String path, String session) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("localhost", RestAssured.port), 5000);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nCookie: "
                + TestAccounts.SESSION_COOKIE
                + "="
                + session
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  static long readToEnd(Socket socket) throws IOException {
    socket.setSoTimeout((int) Eventually.TIMEOUT.toMillis());
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      total += n;
    }
    return total;
  }

  /** The open live streams this node reports, as an operator's Prometheus would read them. */
  static int openStreams() {
    return (int)
        Management.metric("breachdrill_live_streams")
            .orElseThrow(() -> new AssertionError("no breachdrill_live_streams metric"));
  }
}
