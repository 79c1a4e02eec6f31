package io.breachdrill.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.breachdrill.TestClock;
import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.account.User;
import io.breachdrill.drill.JoinLink;
import io.breachdrill.drill.TestDrills;
import io.breachdrill.drill.TestDrills.Fixture;
import io.breachdrill.drill.TestDrills.Member;
import io.breachdrill.report.ImprovementItem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every route of the app, called as every kind of visitor, against the status each must get. The
 * table is checked against the routes found in the compiled classes, so a new route without a row
 * fails this test.
 */
@QuarkusTest
class RouteAccessTest {

  /** The visitors, in the order of the status columns; the admin acts last. */
  enum Visitor {
    ANONYMOUS,
    PARTICIPANT_A,
    PARTICIPANT_B,
    EVALUATOR,
    MANAGER,
    FACILITATOR,
    ADMIN
  }

  /** What one row needs: the drill, teams, people and tokens the paths and forms refer to. */
  record World(
      Map<Visitor, RequestSpecification> browsers,
      Map<Visitor, String> sessions,
      Fixture drill,
      TestDrills.DryRun dryRun,
      long teamA,
      JoinLink link,
      JoinLink spareLink,
      long targetUser,
      String invitation) {}

  /** How a row's request carries its fields. */
  enum Body {
    FORM,
    /** A form with a file upload: the field "file", if any, is the file's content. */
    MULTIPART,
    /** The field "json" is the whole body. */
    JSON
  }

  /** A route, how to call it, and the status each visitor gets, in {@link Visitor} order. */
  record Row(
      String route,
      Function<World, String> path,
      Map<String, String> form,
      Body body,
      int... statuses) {}

  // spotless:off
  static final List<Row> TABLE = List.of(
      //                                                                                  anon partA partB eval mgr facil admin
      get("GET /", w -> "/",                                                               303, 303, 303, 303, 303, 303, 303),
      get("GET /login", w -> "/login",                                                     200, 200, 200, 200, 200, 200, 200),
      post("POST /login", w -> "/login",
          Map.of("email", "nobody-VISITOR@example.com", "password", "not the password"),   401, 401, 401, 401, 401, 401, 401),
      get("GET /login/sso", w -> "/login/sso",                                             404, 404, 404, 404, 404, 404, 404),
      get("GET /logout", w -> "/logout",                                                   200, 200, 200, 200, 200, 200, 200),
      get("GET /setup", w -> "/setup",                                                     404, 404, 404, 404, 404, 404, 404),
      post("POST /setup", w -> "/setup",
          Map.of("email", "x@example.com", "displayName", "X", "password", "p", "confirm", "p"),
                                                                                           404, 404, 404, 404, 404, 404, 404),
      get("GET /invite/{token}", w -> "/invite/" + w.invitation(),                         200, 200, 200, 200, 200, 200, 200),
      post("POST /invite/{token}", w -> "/invite/" + w.invitation(),
          Map.of("password", "one long password", "confirm", "another long password"),     400, 400, 400, 400, 400, 400, 400),
      get("GET /account", w -> "/account",                                                 303, 403, 403, 200, 200, 200, 200),
      post("POST /account/password", w -> "/account/password",
          Map.of("current", "wrong", "password", "a new long password", "confirm", "a new long password"),
                                                                                           303, 403, 403, 400, 400, 400, 400),
      get("GET /admin/users", w -> "/admin/users",                                         303, 403, 403, 403, 403, 403, 200),
      get("GET /admin/users/new", w -> "/admin/users/new",                                 303, 403, 403, 403, 403, 403, 200),
      post("POST /admin/users", w -> "/admin/users",
          Map.of("email", "not-an-email", "displayName", "X", "roles", "manager"),         303, 403, 403, 403, 403, 403, 400),
      get("GET /admin/users/{id}", w -> "/admin/users/" + w.targetUser(),                  303, 403, 403, 403, 403, 403, 200),
      post("POST /admin/users/{id}", w -> "/admin/users/" + w.targetUser(),
          Map.of("displayName", "Renamed", "roles", "manager"),                            303, 403, 403, 403, 403, 403, 303),
      post("POST /admin/users/{id}/disable", w -> "/admin/users/" + w.targetUser() + "/disable",
          Map.of(),                                                                        303, 403, 403, 403, 403, 403, 303),
      post("POST /admin/users/{id}/enable", w -> "/admin/users/" + w.targetUser() + "/enable",
          Map.of(),                                                                        303, 403, 403, 403, 403, 403, 303),
      post("POST /admin/users/{id}/invitation", w -> "/admin/users/" + w.targetUser() + "/invitation",
          Map.of(),                                                                        303, 403, 403, 403, 403, 403, 200),
      get("GET /admin/audit", w -> "/admin/audit",                                         303, 403, 403, 403, 403, 403, 200),
      get("GET /drills", w -> "/drills",                                                   303, 403, 403, 403, 403, 200, 403),
      post("POST /drills", w -> "/drills",
          Map.of("scenario", "weights-walkout", "teams", "One\nTwo", "speed", "2"),       303, 403, 403, 403, 403, 303, 403),
      get("GET /drills/{drill}", w -> drill(w),                                            303, 403, 403, 403, 403, 200, 403),
      get("GET /drills/{drill}/stream", w -> drill(w) + "/stream",                         303, 403, 403, 403, 403, 200, 403),
      get("GET /api/drills/{drill}", w -> "/api" + drill(w),                               401, 403, 403, 403, 403, 200, 403),
      get("GET /api/drills/{drill}/events", w -> "/api" + drill(w) + "/events",            401, 403, 403, 403, 403, 200, 403),
      post("POST /drills/{drill}/teams", w -> drill(w) + "/teams",
          Map.of("name", "Team VISITOR"),                                                  303, 403, 403, 403, 403, 303, 403),
      post("POST /drills/{drill}/open", w -> drill(w) + "/open", Map.of(),                 303, 403, 403, 403, 403, 303, 403),
      post("POST /teams/{team}/decisions/{decision}", w -> "/teams/" + w.teamA() + "/decisions/first-move",
          Map.of("option", "watch"),                                                       303, 409, 403, 403, 403, 403, 403),
      post("POST /drills/{drill}/start", w -> drill(w) + "/start", Map.of(),               303, 403, 403, 403, 403, 303, 403),
      post("POST /drills/{drill}/speed", w -> drill(w) + "/speed", Map.of("speed", "2"),   303, 403, 403, 403, 403, 303, 403),
      post("POST /drills/{drill}/pause", w -> drill(w) + "/pause", Map.of(),               303, 403, 403, 403, 403, 303, 403),
      post("POST /drills/{drill}/resume", w -> drill(w) + "/resume", Map.of(),             303, 403, 403, 403, 403, 303, 403),
      get("GET /evaluations", w -> "/evaluations",                                         303, 403, 403, 200, 403, 403, 403),
      get("GET /drills/{drill}/evaluation", w -> drill(w) + "/evaluation",                 303, 403, 403, 200, 403, 200, 403),
      post("POST /drills/{drill}/evaluation/ratings", w -> drill(w) + "/evaluation/ratings",
          Map.of("team", "TEAM_A", "phase", "contain", "rating", "S"),                     303, 403, 403, 303, 403, 303, 403),
      post("POST /drills/{drill}/evaluation/observations", w -> drill(w) + "/evaluation/observations",
          Map.of("team", "TEAM_A", "text", "VISITOR saw it"),                              303, 403, 403, 303, 403, 303, 403),
      post("POST /drills/{drill}/evaluation/adjustments", w -> drill(w) + "/evaluation/adjustments",
          Map.of("team", "TEAM_A", "step", "revoke-researcher-access", "credit", "1", "reason", "VISITOR"),
                                                                                           303, 403, 403, 403, 403, 303, 403),
      post("POST /drills/{drill}/fire", w -> drill(w) + "/fire",
          Map.of("inject", "researcher-callback", "team", "TEAM_A"),                       303, 403, 403, 403, 403, 303, 403),
      post("POST /drills/{drill}/adhoc", w -> drill(w) + "/adhoc",
          Map.of("channel", "email", "title", "From VISITOR", "body", "Hello", "team", "TEAM_A"),
                                                                                           303, 403, 403, 403, 403, 303, 403),
      post("POST /drills/{drill}/notes", w -> drill(w) + "/notes", Map.of("text", "VISITOR"),
                                                                                           303, 403, 403, 403, 403, 303, 403),
      get("GET /drills/{drill}/links", w -> drill(w) + "/links",                           303, 403, 403, 403, 403, 200, 403),
      get("GET /drills/{drill}/scorecard", w -> drill(w) + "/scorecard",                   303, 403, 403, 200, 200, 200, 403),
      get("GET /drills/{drill}/scorecard/stream", w -> drill(w) + "/scorecard/stream",     303, 403, 403, 200, 200, 200, 403),
      get("GET /api/drills/{drill}/scorecard", w -> "/api" + drill(w) + "/scorecard",      401, 403, 403, 200, 200, 200, 403),
      get("GET /drills/{drill}/report", w -> drill(w) + "/report",                         303, 403, 403, 200, 200, 200, 403),
      get("GET /drills/{drill}/report.pdf", w -> drill(w) + "/report.pdf",                 303, 403, 403, 200, 200, 200, 403),
      get("GET /drills/{drill}/report.md", w -> drill(w) + "/report.md",                   303, 403, 403, 200, 200, 200, 403),
      get("GET /drills/{drill}/report.csv", w -> drill(w) + "/report.csv",                 303, 403, 403, 200, 200, 200, 403),
      get("GET /drills/{drill}/report.json", w -> drill(w) + "/report.json",               303, 403, 403, 200, 200, 200, 403),
      get("GET /drills/{drill}/export.json", w -> drill(w) + "/export.json",               303, 403, 403, 200, 200, 200, 403),
      get("GET /drills/import", w -> "/drills/import",                                     303, 403, 403, 403, 403, 200, 403),
      upload("POST /drills/import", w -> "/drills/import", "not a drill file",            303, 403, 403, 403, 403, 400, 403),
      json("POST /api/drills/import", w -> "/api/drills/import", "{}",                     401, 403, 403, 403, 403, 400, 403),
      post("POST /drills/{drill}/report/items/{item}", w -> drill(w) + "/report/items/" + improvementItem(w),
          Map.of("issue", "Seen by VISITOR", "action", "Fix it", "control", "identity-mfa", "due", "2027-01-31", "status", "open"),
                                                                                           303, 403, 403, 403, 403, 303, 403),
      post("POST /drills/{drill}/report/items/{item}/status",
          w -> drill(w) + "/report/items/" + improvementItem(w) + "/status",
          Map.of("status", "in-progress"),                                                 303, 403, 403, 403, 303, 303, 403),
      get("GET /improvements", w -> "/improvements",                                       303, 403, 403, 403, 200, 403, 403),
      get("GET /dashboard", w -> "/dashboard",                                             303, 403, 403, 403, 200, 403, 403),
      get("GET /dashboard/drills.csv", w -> "/dashboard/drills.csv",                       303, 403, 403, 403, 200, 403, 403),
      get("GET /dashboard/controls.csv", w -> "/dashboard/controls.csv",                   303, 403, 403, 403, 200, 403, 403),
      get("GET /dashboard/steps.csv", w -> "/dashboard/steps.csv",                         303, 403, 403, 403, 200, 403, 403),
      get("GET /dashboard/coverage.csv", w -> "/dashboard/coverage.csv",                   303, 403, 403, 403, 200, 403, 403),
      post("POST /drills/{drill}/links", w -> drill(w) + "/links",
          Map.of("team", "TEAM_A", "validity", "P1D"),                                     303, 403, 403, 403, 403, 303, 403),
      post("POST /drills/{drill}/links/{link}/revoke",
          w -> drill(w) + "/links/" + w.spareLink().id + "/revoke",
          Map.of(),                                                                        303, 403, 403, 403, 403, 303, 403),
      get("GET /join/{token}", w -> "/join/" + w.link().token,                             200, 200, 200, 200, 200, 200, 200),
      post("POST /join/{token}", w -> "/join/" + w.link().token,
          Map.of("name", "Someone", "role", "no-such-role"),                               400, 400, 400, 400, 400, 400, 400),
      get("GET /teams/{team}", w -> "/teams/" + w.teamA(),                                 303, 200, 403, 403, 403, 403, 403),
      post("POST /teams/{team}/hotwash", w -> "/teams/" + w.teamA() + "/hotwash",
          Map.of("answer-went-well", "VISITOR"),                                                   303, 409, 403, 403, 403, 403, 403),
      get("GET /teams/{team}/stream", w -> "/teams/" + w.teamA() + "/stream",              303, 200, 403, 403, 403, 403, 403),
      get("GET /scenarios", w -> "/scenarios",                                             303, 403, 403, 200, 200, 200, 200),
      get("GET /scenarios/{id}", w -> "/scenarios/weights-walkout",                        303, 403, 403, 200, 200, 200, 200),
      get("GET /scenarios/editor", w -> "/scenarios/editor",                               303, 403, 403, 403, 403, 200, 200),
      multipart("POST /scenarios/editor", w -> "/scenarios/editor",
          Map.of("text", "id: by-VISITOR", "action", "check"),                             303, 403, 403, 403, 403, 400, 400),
      multipart("POST /dry-runs", w -> "/dry-runs",
          Map.of("text", "id: by-VISITOR"),                                                303, 403, 403, 403, 403, 400, 400),
      get("GET /scenarios/{id}/versions", w -> "/scenarios/weights-walkout/versions",      303, 403, 403, 200, 200, 200, 200),
      get("GET /scenarios/{id}/versions/{version}", w -> "/scenarios/weights-walkout/versions/" + scenarioVersion(),
                                                                                           303, 403, 403, 200, 200, 200, 200),
      get("GET /scenarios/{id}/diff", w -> "/scenarios/weights-walkout/diff?from=" + scenarioVersion() + "&to=" + scenarioVersion(),
                                                                                           303, 403, 403, 200, 200, 200, 200),
      post("POST /scenarios/{scenario}/dry-run", w -> "/scenarios/weights-walkout/dry-run", Map.of(),
                                                                                           303, 403, 403, 403, 403, 303, 303),
      // the facilitator's own dry run; another user's (the admin's) is refused
      post("POST /drills/{drill}/dry-run/finish", w -> "/drills/" + w.dryRun().drillId() + "/dry-run/finish", Map.of(),
                                                                                           303, 403, 403, 403, 403, 303, 403),
      get("GET /api/scenarios", w -> "/api/scenarios",                                     401, 403, 403, 200, 200, 200, 200),
      get("GET /api/scenarios/{id}", w -> "/api/scenarios/weights-walkout",                401, 403, 403, 200, 200, 200, 200),
      get("GET /schema/scenario.json", w -> "/schema/scenario.json",                       200, 200, 200, 200, 200, 200, 200),
      // late: a finished drill can no longer be joined
      post("POST /drills/{drill}/finish", w -> drill(w) + "/finish", Map.of(),             303, 403, 403, 403, 403, 303, 403),
      get("GET /teams/{team}/scorecard", w -> "/teams/" + w.teamA() + "/scorecard",       303, 200, 403, 403, 403, 403, 403),
      get("GET /drills/{drill}/replay", w -> drill(w) + "/replay?at=2",                    303, 403, 403, 200, 200, 200, 403),
      // last: it ends the sessions the rows above use
      post("POST /logout", w -> "/logout", Map.of(),                                       303, 303, 303, 303, 303, 303, 303));

  /** Routes served outside the REST resources, public by design: static files and API docs. */
  static final List<Row> STATIC = List.of(
      get("GET /css/app.css", w -> "/css/app.css",                                         200, 200, 200, 200, 200, 200, 200),
      get("GET /js/live.js", w -> "/js/live.js",                                           200, 200, 200, 200, 200, 200, 200),
      get("GET /js/editor.js", w -> "/js/editor.js",                                       200, 200, 200, 200, 200, 200, 200),
      get("GET /q/openapi", w -> "/q/openapi",                                             200, 200, 200, 200, 200, 200, 200));
  // spotless:on

  World world;

  @BeforeEach
  void buildTheWorld() {
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    Map<Visitor, RequestSpecification> browsers = new LinkedHashMap<>();
    Fixture drill = TestDrills.drill(facilitator.id(), "weights-walkout", "Alpha", "Bravo");
    Member a = TestDrills.member(drill, drill.team(0), facilitator.id(), "Ana");
    Member b = TestDrills.member(drill, drill.team(1), facilitator.id(), "Ben");
    Map<Visitor, String> sessions = new LinkedHashMap<>();
    sessions.put(Visitor.PARTICIPANT_A, a.session());
    sessions.put(Visitor.PARTICIPANT_B, b.session());
    sessions.put(Visitor.EVALUATOR, TestAccounts.staff(Role.EVALUATOR).session());
    sessions.put(Visitor.MANAGER, TestAccounts.staff(Role.MANAGER).session());
    sessions.put(Visitor.FACILITATOR, facilitator.session());
    sessions.put(Visitor.ADMIN, TestAccounts.staff(Role.ADMIN).session());
    browsers.put(Visitor.ANONYMOUS, RestAssured.given());
    sessions.forEach((visitor, session) -> browsers.put(visitor, TestAccounts.session(session)));
    Account target = TestAccounts.staff(Role.EVALUATOR);
    String invitation = io.breachdrill.account.Tokens.random();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              User user = User.findById(target.id());
              user.invitationHash = io.breachdrill.account.Tokens.sha256(invitation);
              user.invitationExpiresAt = TestClock.now().plus(Duration.ofDays(1));
            });
    JoinLink link = TestDrills.link(drill.team(0), facilitator.id(), Duration.ofHours(2));
    JoinLink spare = TestDrills.link(drill.team(1), facilitator.id(), null);
    TestDrills.DryRun dryRun = TestDrills.dryRun(facilitator, "weights-walkout");
    world =
        new World(
            browsers, sessions, drill, dryRun, drill.team(0), link, spare, target.id(), invitation);
  }

  @Test
  void everyRouteOfTheAppHasARowInTheTable() throws Exception {
    TreeSet<String> inTable = new TreeSet<>(TABLE.stream().map(Row::route).toList());
    assertThat(TABLE).extracting(Row::route).doesNotHaveDuplicates();
    assertThat(inTable)
        .as("every route needs a row here saying who may use it")
        .containsExactlyInAnyOrderElementsOf(routes().keySet());
  }

  @Test
  void everyRouteStatesWhoMayUseIt() throws Exception {
    List<String> unstated = new ArrayList<>();
    routes()
        .forEach(
            (route, method) -> {
              if (!hasRule(method) && !hasRule(method.getDeclaringClass())) {
                unstated.add(route);
              }
            });
    assertThat(unstated).as("routes without @RolesAllowed, @PermitAll or @DenyAll").isEmpty();
  }

  @Test
  void everyVisitorGetsTheStatusTheTableGives() {
    List<String> wrong = new ArrayList<>();
    for (Row row : Stream.concat(TABLE.stream(), STATIC.stream()).toList()) {
      for (Visitor visitor : Visitor.values()) {
        int expected = row.statuses()[visitor.ordinal()];
        int actual = call(row, visitor);
        if (actual != expected) {
          wrong.add(row.route() + " as " + visitor + ": expected " + expected + ", got " + actual);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  private int call(Row row, Visitor visitor) {
    String[] parts = row.route().split(" ", 2);
    String path = row.path().apply(world);
    RequestSpecification request =
        RestAssured.given().spec(world.browsers().get(visitor)).redirects().follow(false);
    request.header("X-Forwarded-For", "198.51.100." + (10 + visitor.ordinal()));
    if (parts[0].equals("GET") && path.endsWith("/stream")) {
      return streamStatus(path, world.sessions().get(visitor), visitor);
    }
    if (parts[0].equals("GET")) {
      return request.get(path).statusCode();
    }
    if (row.body() == Body.JSON) {
      return request
          .contentType("application/json")
          .body(row.form().get("json"))
          .post(path)
          .statusCode();
    }
    if (row.body() == Body.MULTIPART) {
      request
          .cookie(TestAccounts.CSRF_COOKIE, TestAccounts.CSRF_TOKEN)
          .multiPart(TestAccounts.CSRF_FIELD, TestAccounts.CSRF_TOKEN);
      row.form()
          .forEach(
              (name, value) -> {
                if (name.equals("file")) {
                  request.multiPart("file", "upload", value.getBytes(), "application/octet-stream");
                } else {
                  request.multiPart(name, value.replace("VISITOR", visitor.name().toLowerCase()));
                }
              });
      return request.post(path).statusCode();
    }
    RequestSpecification form = TestAccounts.withCsrf(request);
    for (Map.Entry<String, String> field : row.form().entrySet()) {
      String value =
          field.getValue().equals("TEAM_A")
              ? String.valueOf(world.teamA())
              : field.getValue().replace("VISITOR", visitor.name().toLowerCase());
      form.formParam(field.getKey(), value);
    }
    return form.post(path).statusCode();
  }

  /** The recorded version of the library's weights-walkout. */
  private static long scenarioVersion() {
    return QuarkusTransaction.requiringNew()
        .call(() -> io.breachdrill.scenario.ScenarioVersion.history("weights-walkout").get(0).id);
  }

  private static String drill(World world) {
    return "/drills/" + world.drill().drillId();
  }

  /** An improvement-plan item of the world's drill, made once, as a finished report seeds it. */
  private static long improvementItem(World world) {
    long drillId = world.drill().drillId();
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              ImprovementItem existing =
                  ImprovementItem.<ImprovementItem>find("drillId", drillId).firstResult();
              if (existing != null) {
                return existing.id;
              }
              ImprovementItem item = new ImprovementItem();
              item.drillId = drillId;
              item.stepId = "revoke-researcher-access";
              item.issue = "Missed";
              item.correctiveAction = "Rehearse";
              item.controlArea = "identity-mfa";
              item.status = "open";
              item.createdAt = Instant.now();
              item.updatedAt = item.createdAt;
              item.persist();
              return item.id;
            });
  }

  /** A live stream never ends, so only its status is read before the connection is dropped. */
  private static int streamStatus(String path, String session, Visitor visitor) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
            .header("Accept", "text/event-stream")
            .header("X-Forwarded-For", "198.51.100." + (10 + visitor.ordinal()));
    if (session != null) {
      request.header("Cookie", TestAccounts.SESSION_COOKIE + "=" + session);
    }
    try {
      HttpResponse<java.io.InputStream> response =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      response.body().close();
      return response.statusCode();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Row get(String route, Function<World, String> path, int... statuses) {
    return new Row(route, path, Map.of(), Body.FORM, statuses);
  }

  private static Row post(
      String route, Function<World, String> path, Map<String, String> form, int... statuses) {
    return new Row(route, path, form, Body.FORM, statuses);
  }

  private static Row upload(
      String route, Function<World, String> path, String file, int... statuses) {
    return new Row(route, path, Map.of("file", file), Body.MULTIPART, statuses);
  }

  private static Row multipart(
      String route, Function<World, String> path, Map<String, String> form, int... statuses) {
    return new Row(route, path, form, Body.MULTIPART, statuses);
  }

  private static Row json(
      String route, Function<World, String> path, String body, int... statuses) {
    return new Row(route, path, Map.of("json", body), Body.JSON, statuses);
  }

  private static boolean hasRule(java.lang.reflect.AnnotatedElement element) {
    return element.isAnnotationPresent(RolesAllowed.class)
        || element.isAnnotationPresent(PermitAll.class)
        || element.isAnnotationPresent(DenyAll.class);
  }

  /** Every REST route in the compiled app, as "METHOD /path/{param}", with its method. */
  static Map<String, Method> routes() throws IOException, ClassNotFoundException {
    java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
    Map<String, Method> routes = new LinkedHashMap<>();
    List<String> names;
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      names =
          files
              .map(classes::relativize)
              .map(java.nio.file.Path::toString)
              .filter(name -> name.endsWith(".class"))
              .map(name -> name.substring(0, name.length() - 6).replace('/', '.'))
              .toList();
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (String name : names) {
      Class<?> type = Class.forName(name, false, loader);
      Path base = type.getAnnotation(Path.class);
      if (base == null) {
        continue;
      }
      for (Method method : type.getDeclaredMethods()) {
        String verb = httpMethod(method);
        if (verb == null) {
          continue;
        }
        Path sub = method.getAnnotation(Path.class);
        routes.put(verb + " " + join(base.value(), sub == null ? "" : sub.value()), method);
      }
    }
    return routes;
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  private static String join(String base, String sub) {
    String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
