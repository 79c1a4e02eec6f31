import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Everything before the drills start, through the app's own forms as people would do it: a
 * facilitator, drills with their teams, a join link per team, participants joining through them and
 * opening their pages' streams.
 */
final class Setup {

  /** A drill as set up: its id, its teams' ids and names, and a join link per team. */
  record Drill(long id, List<Long> teamIds, List<String> teamNames, List<String> tokens) {}

  private final List<String> bases;
  private final IntFunction<HttpClient> clients;
  private final ScheduledExecutorService timer;

  Setup(List<String> bases, IntFunction<HttpClient> clients, ScheduledExecutorService timer) {
    this.bases = bases;
    this.clients = clients;
    this.timer = timer;
  }

  /** A new facilitator, made by the admin, signed in on every node. */
  List<Session> facilitators(String adminEmail, String adminPassword) throws Exception {
    Session admin = new Session(bases.get(0), clients.apply(0));
    admin.signIn(adminEmail, adminPassword);
    String email = "load.facilitator." + System.currentTimeMillis() + "@example.com";
    String password = "the load harness's facilitator password";
    admin.page("/admin/users/new");
    admin.expect303(
        admin.post(
            "/admin/users",
            "email",
            email,
            "displayName",
            "Load Facilitator",
            "roles",
            "facilitator",
            "password",
            password),
        "creating the facilitator");
    List<Session> facilitators = new ArrayList<>();
    for (int node = 0; node < bases.size(); node++) {
      Session facilitator = new Session(bases.get(node), clients.apply(node));
      facilitator.signIn(email, password);
      facilitators.add(facilitator);
    }
    return facilitators;
  }

  Drill drill(Session facilitator, int d, String scenarioId, int teamCount, String speed)
      throws Exception {
    facilitator.page("/drills");
    List<String> names = new ArrayList<>();
    for (int t = 1; t <= teamCount; t++) {
      names.add("Team " + t);
    }
    String location =
        facilitator.expect303(
            facilitator.post(
                "/drills",
                "scenario",
                scenarioId,
                "title",
                "Load drill " + (d + 1),
                "teams",
                String.join("\n", names),
                "speed",
                speed),
            "creating a drill");
    long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    Map<String, Object> state = Json.object(Json.parse(facilitator.json("/api/drills/" + id)));
    List<Long> teamIds = new ArrayList<>();
    List<String> teamNames = new ArrayList<>();
    for (Map<String, Object> team : Json.objects(state.get("teams"))) {
      teamIds.add(Json.longOrNull(team, "id"));
      teamNames.add(Json.string(team, "name"));
    }
    List<String> tokens = new ArrayList<>();
    facilitator.page("/drills/" + id + "/links");
    for (long teamId : teamIds) {
      facilitator.expect303(
          facilitator.post(
              "/drills/" + id + "/links",
              "team",
              Long.toString(teamId),
              "validity",
              "P1D",
              "note",
              "load harness"),
          "making a join link");
      String fresh =
          Html.joinTokens(facilitator.page("/drills/" + id + "/links").body()).stream()
              .filter(token -> !tokens.contains(token))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no new join link on the links page"));
      tokens.add(fresh);
    }
    return new Drill(id, teamIds, teamNames, tokens);
  }

  /**
   * Participant {@code index} (member m of team t of drill d) joins through the team's link on its
   * node (round robin), loads its page and opens the page's stream as the page's script would.
   */
  LiveClient join(int index, Drill drill, int d, int t, int m, LiveClient.Listener listener)
      throws Exception {
    int node = index % bases.size();
    Session session = new Session(bases.get(node), clients.apply(index));
    String token = drill.tokens().get(t);
    List<String> roles = Html.roles(session.page("/join/" + token).body());
    String name = "Player " + (m + 1) + " of " + drill.teamNames().get(t);
    String location =
        session.expect303(
            session.post(
                "/join/" + token,
                "name",
                name,
                "role",
                roles.isEmpty() ? "participant" : roles.get(m % roles.size())),
            "joining");
    String path = URI.create(location).getPath();
    long teamId = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    if (teamId != drill.teamIds().get(t)) {
      throw new IllegalStateException(
          name + " joined team " + teamId + ", not " + drill.teamIds().get(t));
    }
    String page = session.page(path).body();
    LiveClient client =
        new LiveClient(
            index,
            LiveClient.Kind.PARTICIPANT,
            node,
            d,
            teamId,
            name,
            session,
            Html.streamPath(page),
            listener,
            timer);
    client.open();
    client.connected.get(30, TimeUnit.SECONDS);
    return client;
  }

  /** The facilitator's console of drill d, on node d round robin, with its stream open. */
  LiveClient console(
      int index, Drill drill, int d, List<Session> facilitators, LiveClient.Listener listener)
      throws Exception {
    int node = d % bases.size();
    Session facilitator = facilitators.get(node);
    String page = facilitator.page("/drills/" + drill.id()).body();
    LiveClient console =
        new LiveClient(
            index,
            LiveClient.Kind.CONSOLE,
            node,
            d,
            -1,
            "console of drill " + (d + 1),
            facilitator,
            Html.streamPath(page),
            listener,
            timer);
    console.open();
    console.connected.get(30, TimeUnit.SECONDS);
    return console;
  }
}
