import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the teams: when a decision form first reaches any member of a team, one member answers
 * after a think time (most within the limit, some after it), or for some decisions 2 to 4 members
 * submit at the same instant. Every answer is kept with the moment just before it was sent.
 */
final class Decider implements LiveClient.Listener {

  enum Plan {
    SINGLE,
    RACE,
    LATE
  }

  /** One POST of an answer and what came back. */
  record Answer(
      int drill,
      long teamId,
      String decisionId,
      Plan plan,
      LiveClient member,
      long sentNanos,
      long doneNanos,
      int status,
      String text) {

    boolean accepted() {
      return status == 303;
    }

    boolean alreadyDecided() {
      return status == 409 && text.contains("Already decided by");
    }

    boolean tooLate() {
      return status == 409 && (text.contains("ran out") || text.contains("already timed out"));
    }
  }

  /** How each drill's clock runs, as far as the harness knows it. */
  static final class Clocks {
    private final Map<Integer, long[]> startedWallMs = new ConcurrentHashMap<>();
    private final double speed;

    Clocks(double speed) {
      this.speed = speed;
    }

    void started(int drill, long wallMs) {
      startedWallMs.put(drill, new long[] {wallMs});
    }

    double speed() {
      return speed;
    }

    long drillNow(int drill) {
      long[] started = startedWallMs.get(drill);
      return started == null ? 0 : (long) ((System.currentTimeMillis() - started[0]) * speed);
    }
  }

  private final Map<Long, List<LiveClient>> teams;
  private final Clocks clocks;
  private final ScheduledExecutorService timer;
  private final double raceShare;
  private final double lateShare;
  private final long seed;
  private final Map<String, Boolean> planned = new ConcurrentHashMap<>();
  private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean stopped;

  Decider(
      Map<Long, List<LiveClient>> teams,
      Clocks clocks,
      ScheduledExecutorService timer,
      double raceShare,
      double lateShare,
      long seed) {
    this.teams = teams;
    this.clocks = clocks;
    this.timer = timer;
    this.raceShare = raceShare;
    this.lateShare = lateShare;
    this.seed = seed;
  }

  List<Answer> answers() {
    synchronized (answers) {
      return List.copyOf(answers);
    }
  }

  int planned() {
    return planned.size();
  }

  /** No new answers once the drills are being finished. */
  void stop() {
    stopped = true;
  }

  @Override
  public void onMessage(LiveClient client, long seq, String data) {
    if (client.kind != LiveClient.Kind.PARTICIPANT || !data.contains("/decisions/")) {
      return;
    }
    for (Html.DecisionForm form : Html.decisionForms(data)) {
      if (form.teamId() == client.teamId
          && planned.putIfAbsent(form.teamId() + "/" + form.decisionId(), Boolean.TRUE) == null) {
        plan(client.drill, form);
      }
    }
  }

  /** How the answers went, by plan. */
  record Tally(
      int single,
      int races,
      int racesWon,
      int raceLosses,
      int late,
      int lateRefused,
      int lateAccepted) {}

  /**
   * Judges every answer against its plan: a single answer must be accepted (303); a race must have
   * exactly one 303 and "Already decided by ..." (409) for the rest; a late answer is refused with
   * "ran out" or "timed out" (409). Anything else is an error.
   */
  static Tally judge(List<Answer> answers, Results results) {
    Map<String, List<Answer>> byDecision = new TreeMap<>();
    for (Answer answer : answers) {
      String key = answer.drill() + "/" + answer.teamId() + "/" + answer.decisionId();
      byDecision.computeIfAbsent(key, k -> new ArrayList<>()).add(answer);
    }
    int single = 0;
    int races = 0;
    int racesWon = 0;
    int raceLosses = 0;
    int late = 0;
    int lateRefused = 0;
    int lateAccepted = 0;
    for (List<Answer> group : byDecision.values()) {
      Plan plan = group.get(0).plan();
      for (Answer answer : group) {
        results.add(
            new Results.Row(
                Results.DECISION_POST,
                answer.member().node,
                answer.drill(),
                answer.teamId(),
                answer.member().index,
                -1,
                -1,
                (answer.doneNanos() - answer.sentNanos()) / 1e6,
                answer.status()));
      }
      long accepted = group.stream().filter(Answer::accepted).count();
      if (plan != Plan.LATE && group.stream().allMatch(Answer::tooLate)) {
        // Answered within the time left when the decision arrived, refused all the same: the
        // decision reached the page, or the answer the app, too slowly.
        results.error("decision: an answer in time refused as late", describe(group.get(0)));
        if (plan == Plan.SINGLE) {
          single++;
        } else {
          races++;
        }
      } else if (plan == Plan.SINGLE) {
        single++;
        if (accepted != 1) {
          results.error("decision: a single answer not accepted", describe(group.get(0)));
        }
      } else if (plan == Plan.RACE) {
        races++;
        long lost = group.stream().filter(Answer::alreadyDecided).count();
        raceLosses += (int) lost;
        if (accepted == 1 && lost == group.size() - 1) {
          racesWon++;
        } else {
          results.error(
              "decision: race without exactly one winner",
              group.stream().map(Decider::describe).toList().toString());
        }
      } else {
        late++;
        for (Answer answer : group) {
          if (answer.tooLate()) {
            lateRefused++;
          } else if (answer.accepted()) {
            lateAccepted++;
          } else {
            results.error("decision: a late answer got an odd answer", describe(answer));
          }
        }
      }
    }
    return new Tally(single, races, racesWon, raceLosses, late, lateRefused, lateAccepted);
  }

  private static String describe(Answer answer) {
    return answer.member().label
        + " on "
        + answer.decisionId()
        + ": "
        + answer.status()
        + (answer.accepted() ? "" : " " + answer.text());
  }

  private void plan(int drill, Html.DecisionForm form) {
    Random random =
        new Random(seed * 1_000_003L + form.teamId() * 7919L + form.decisionId().hashCode());
    List<LiveClient> members = teams.get(form.teamId());
    if (members == null || members.isEmpty() || form.options().isEmpty()) {
      return;
    }
    long now = clocks.drillNow(drill);
    double roll = random.nextDouble();
    Plan plan;
    long thinkDrillMs;
    if (form.deadlineMs() != null) {
      long left = Math.max(0, form.deadlineMs() - now);
      if (roll < lateShare) {
        plan = Plan.LATE;
        // Far enough past the deadline that no clock rounding makes it count as on time.
        thinkDrillMs = left + Math.max(5_000, (long) (left * (0.05 + 0.2 * random.nextDouble())));
      } else {
        plan = roll < lateShare + raceShare && members.size() > 1 ? Plan.RACE : Plan.SINGLE;
        thinkDrillMs = (long) (left * (0.1 + 0.7 * random.nextDouble()));
      }
    } else {
      plan = roll < raceShare && members.size() > 1 ? Plan.RACE : Plan.SINGLE;
      thinkDrillMs = 20_000 + (long) (70_000 * random.nextDouble());
    }
    List<LiveClient> shuffled = new ArrayList<>(members);
    Collections.shuffle(shuffled, random);
    int answering = plan == Plan.RACE ? 2 + random.nextInt(Math.min(4, members.size()) - 1) : 1;
    List<LiveClient> who = shuffled.subList(0, answering);
    List<String> options = new ArrayList<>();
    for (int i = 0; i < answering; i++) {
      options.add(form.options().get(random.nextInt(form.options().size())));
    }
    long wallDelay = (long) (thinkDrillMs / clocks.speed());
    timer.schedule(() -> answer(drill, form, plan, who, options), wallDelay, TimeUnit.MILLISECONDS);
  }

  private void answer(
      int drill, Html.DecisionForm form, Plan plan, List<LiveClient> who, List<String> options) {
    if (stopped) {
      return;
    }
    String path = "/teams/" + form.teamId() + "/decisions/" + form.decisionId();
    // Built first and sent in a tight loop, so racing answers leave together.
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    long[] sentNanos = new long[who.size()];
    for (int i = 0; i < who.size(); i++) {
      LiveClient member = who.get(i);
      sentNanos[i] = System.nanoTime();
      sent.add(
          member.session.postAsync(
              path, "option", options.get(i), "rationale", member.name + " chose under load"));
    }
    for (int i = 0; i < who.size(); i++) {
      int n = i;
      sent.get(i)
          .whenComplete(
              (response, failure) ->
                  answers.add(
                      new Answer(
                          drill,
                          form.teamId(),
                          form.decisionId(),
                          plan,
                          who.get(n),
                          sentNanos[n],
                          System.nanoTime(),
                          response == null ? -1 : response.statusCode(),
                          response == null
                              ? String.valueOf(failure)
                              : Html.text(response.body()))));
    }
  }
}
