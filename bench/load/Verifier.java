import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After the run: reads each drill's log and works out, for every client, which seqs its page must
 * have received (what the app's renderers send it), then counts what was lost, duplicated or not
 * meant for it, and turns the arrivals into latencies.
 */
final class Verifier {

  /** One event of a drill's log as /api/drills/{id}/events gives it. */
  record Event(
      long seq, String type, Long teamId, long atMs, long drillMs, Map<String, Object> data) {

    static Event of(Map<String, Object> json) {
      Object at = json.get("at");
      long atMs =
          at instanceof BigDecimal
              ? ((BigDecimal) at).movePointRight(3).longValue()
              : Instant.parse(at.toString()).toEpochMilli();
      return new Event(
          Json.longOrNull(json, "seq"),
          Json.string(json, "type"),
          Json.longOrNull(json, "teamId"),
          atMs,
          Json.longOrNull(json, "drillMs"),
          Json.object(json.get("data")));
    }

    String dataText(String key) {
      return Json.string(data, key);
    }

    Long dataLong(String key) {
      return Json.longOrNull(data, key);
    }
  }

  /** Drill-wide events every participant page shows (the clock and the end). */
  static final Set<String> DRILL_WIDE =
      Set.of("STARTED", "PAUSED", "RESUMED", "SPEED_CHANGED", "OPENED", "FINISHED");

  /** A team's events its members' pages show. */
  static final Set<String> TEAM_OWN =
      Set.of("PARTICIPANT_JOINED", "INJECT_DELIVERED", "DECISION_MADE", "DECISION_TIMED_OUT");

  private final Results results;
  long expected;
  long delivered;
  long lost;
  long duplicated;
  long unexpected;

  Verifier(Results results) {
    this.results = results;
  }

  static List<Event> events(String json) {
    return Json.objects(Json.parse(json)).stream().map(Event::of).toList();
  }

  /** Whether this client's page gets a message for this event. */
  static boolean expects(LiveClient client, Event event) {
    if (client.kind == LiveClient.Kind.CONSOLE) {
      return true;
    }
    if (event.teamId() == null) {
      return DRILL_WIDE.contains(event.type());
    }
    return event.teamId() == client.teamId && TEAM_OWN.contains(event.type());
  }

  void verify(int drill, List<Event> log, List<LiveClient> clients, List<Decider.Answer> answers) {
    Map<Long, Event> bySeq = new HashMap<>();
    log.forEach(e -> bySeq.put(e.seq(), e));
    Event created = first(log, "CREATED");
    Event started = first(log, "STARTED");
    if (started == null) {
      results.error("run: drill never started", "drill " + (drill + 1));
      return;
    }
    for (Event event : log) {
      if (event.type().equals("PAUSED") || event.type().equals("SPEED_CHANGED")) {
        results.error(
            "run: the clock was paused or changed, due times are off", "seq " + event.seq());
      }
    }
    double speed = new BigDecimal(created.dataText("speed")).doubleValue();
    checkLog(drill, log);
    Map<String, Decider.Answer> winners = winners(drill, log, answers);

    for (LiveClient client : clients) {
      LiveClient.Arrivals arrivals = client.arrivals();
      Map<Long, Integer> firstIndex = new LinkedHashMap<>();
      Map<Long, Integer> counts = new HashMap<>();
      for (int i = 0; i < arrivals.seqs().length; i++) {
        long seq = arrivals.seqs()[i];
        counts.merge(seq, 1, Integer::sum);
        firstIndex.putIfAbsent(seq, i);
      }
      for (Event event : log) {
        if (event.seq() <= client.after || !expects(client, event)) {
          continue;
        }
        expected++;
        Integer count = counts.get(event.seq());
        if (count == null) {
          lost++;
          results.error(
              "lost",
              client.label + " never received seq " + event.seq() + " (" + event.type() + ")");
          continue;
        }
        delivered++;
        if (count > 1) {
          duplicated += count - 1;
          results.errors(
              "duplicated",
              count - 1,
              client.label + " received seq " + event.seq() + " " + count + " times");
        }
        int i = firstIndex.get(event.seq());
        measure(
            client, event, arrivals.wallMicros()[i], arrivals.nanos()[i], started, speed, winners);
      }
      for (long seq : counts.keySet()) {
        Event event = bySeq.get(seq);
        if (seq <= client.after || event == null || !expects(client, event)) {
          unexpected += counts.get(seq);
          results.errors(
              "unexpected",
              counts.get(seq),
              client.label
                  + " received seq "
                  + seq
                  + (event == null
                      ? " (not in the log)"
                      : " (" + event.type() + " of team " + event.teamId() + ")"));
        }
      }
      if (client.drops.get() > 0) {
        results.errors(
            "stream drops", client.drops.get(), client.label + ": " + client.lastProblem());
      }
    }
  }

  private void measure(
      LiveClient client,
      Event event,
      long wallMicros,
      long nanos,
      Event started,
      double speed,
      Map<String, Decider.Answer> winners) {
    boolean participant = client.kind == LiveClient.Kind.PARTICIPANT;
    Long due = null;
    String kind = null;
    if (event.type().equals("INJECT_DELIVERED") && event.dataLong("dueMs") != null) {
      due = event.dataLong("dueMs");
      kind = participant ? Results.INJECT : Results.CONSOLE_INJECT;
    } else if (participant
        && event.type().equals("DECISION_TIMED_OUT")
        && event.dataLong("deadlineMs") != null) {
      due = event.dataLong("deadlineMs");
      kind = Results.TIMEOUT;
    }
    if (kind != null) {
      // No pause and one speed in a bench drill: wall = start + drill time / speed.
      double dueWallMs = started.atMs() + (due - started.drillMs()) / speed;
      row(kind, client, event, wallMicros / 1000, wallMicros / 1000.0 - dueWallMs);
      return;
    }
    if (participant && event.type().equals("DECISION_MADE")) {
      Decider.Answer winner = winners.get(event.teamId() + "/" + event.dataText("decisionId"));
      if (winner != null) {
        row(Results.DECISION, client, event, wallMicros / 1000, (nanos - winner.sentNanos()) / 1e6);
      }
    }
  }

  private void row(String kind, LiveClient client, Event event, long atMs, double valueMs) {
    results.add(
        new Results.Row(
            kind,
            client.node,
            client.drill,
            client.teamId,
            client.index,
            event.seq(),
            atMs,
            valueMs,
            -1));
  }

  /** The log itself: one delivery per inject and one outcome per decision and team. */
  private void checkLog(int drill, List<Event> log) {
    Map<String, Integer> once = new HashMap<>();
    for (Event event : log) {
      String key = null;
      if (event.type().equals("INJECT_DELIVERED") && event.dataText("injectId") != null) {
        key = event.teamId() + "/" + event.dataText("injectId");
      } else if (event.type().equals("DECISION_MADE")
          || event.type().equals("DECISION_TIMED_OUT")) {
        key = event.teamId() + "/decision:" + event.dataText("decisionId");
      }
      if (key != null && once.merge(key, 1, Integer::sum) > 1) {
        results.error("log: twice in the log", "drill " + (drill + 1) + " team/key " + key);
      }
    }
  }

  /**
   * The accepted answer behind each DECISION_MADE, checked against the log: every 303 must be the
   * decision the log recorded, by that member.
   */
  private Map<String, Decider.Answer> winners(
      int drill, List<Event> log, List<Decider.Answer> answers) {
    Map<String, Event> made = new HashMap<>();
    for (Event event : log) {
      if (event.type().equals("DECISION_MADE")) {
        made.put(event.teamId() + "/" + event.dataText("decisionId"), event);
      }
    }
    Map<String, Decider.Answer> winners = new HashMap<>();
    for (Decider.Answer answer : answers) {
      if (answer.drill() != drill || !answer.accepted()) {
        continue;
      }
      String key = answer.teamId() + "/" + answer.decisionId();
      Event event = made.get(key);
      if (event == null) {
        results.error("decision: accepted but not in the log", answer.member().label + " " + key);
      } else if (!answer.member().name.equals(event.dataText("name"))) {
        results.error(
            "decision: accepted for one member, logged for another",
            answer.member().label + " got 303, the log says " + event.dataText("name"));
      } else if (winners.putIfAbsent(key, answer) != null) {
        results.error("decision: two answers accepted", answer.member().label + " " + key);
      }
    }
    return winners;
  }

  private static Event first(List<Event> log, String type) {
    return log.stream().filter(e -> e.type().equals(type)).findFirst().orElse(null);
  }
}
