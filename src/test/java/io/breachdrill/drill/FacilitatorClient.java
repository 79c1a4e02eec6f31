package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A facilitator working a packaged node through its pages, as a person would: created by the first
 * admin, then running drills, handing out join links and seating participants.
 */
public final class FacilitatorClient {

  public final Browser browser = new Browser();

  /** The first admin (from the nodes' environment) creates this facilitator, who signs in. */
  public static FacilitatorClient create(AppNode node, String email, String password, String name)
      throws Exception {
    Browser admin = new Browser();
    admin.signIn(node, AppNode.ADMIN_EMAIL, AppNode.ADMIN_PASSWORD);
    admin.get(node, "/admin/users/new");
    HttpResponse<String> created =
        admin.post(
            node,
            "/admin/users",
            "email",
            email,
            "displayName",
            name,
            "roles",
            "facilitator",
            "password",
            password);
    assertThat(created.statusCode()).as("creating the facilitator").isEqualTo(303);
    FacilitatorClient facilitator = new FacilitatorClient();
    facilitator.browser.signIn(node, email, password);
    return facilitator;
  }

  /** A new drill from the form on /drills; returns its id. */
  public long createDrill(
      AppNode node, String scenario, String title, List<String> teams, int speed) throws Exception {
    browser.get(node, "/drills");
    HttpResponse<String> drill =
        browser.post(
            node,
            "/drills",
            "scenario",
            scenario,
            "title",
            title,
            "teams",
            String.join("\n", teams),
            "speed",
            String.valueOf(speed));
    assertThat(drill.statusCode()).as("creating the drill: %s", drill.body()).isEqualTo(303);
    String location = drill.headers().firstValue("location").orElseThrow();
    return Long.parseLong(location.substring(location.indexOf("/drills/") + "/drills/".length()));
  }

  /** The drill's team ids by name, in the order the drill lists them. */
  public Map<String, Long> teams(AppNode node, long drillId) throws Exception {
    Map<String, Long> teams = new LinkedHashMap<>();
    for (JsonNode team : state(node, drillId).get("teams")) {
      teams.put(team.get("name").asText(), team.get("id").asLong());
    }
    return teams;
  }

  public JsonNode state(AppNode node, long drillId) throws Exception {
    return browser.json(node, "/api/drills/" + drillId);
  }

  public JsonNode events(AppNode node, long drillId) throws Exception {
    return browser.json(node, "/api/drills/" + drillId + "/events");
  }

  /** A console button: open, start, pause, resume or finish. */
  public void command(AppNode node, long drillId, String action) throws Exception {
    HttpResponse<String> response = browser.post(node, "/drills/" + drillId + "/" + action);
    assertThat(response.statusCode())
        .as("%s drill %d: %s", action, drillId, response.body())
        .isEqualTo(303);
  }

  /** A new join link for the team, read from the links page. */
  String joinToken(AppNode node, long drillId, long team) throws Exception {
    browser.get(node, "/drills/" + drillId + "/links");
    HttpResponse<String> created =
        browser.post(
            node,
            "/drills/" + drillId + "/links",
            "team",
            String.valueOf(team),
            "validity",
            "PT2H");
    assertThat(created.statusCode()).as("creating a join link").isEqualTo(303);
    String page = browser.get(node, "/drills/" + drillId + "/links").body();
    String section = page.substring(page.indexOf("aria-labelledby=\"team-" + team + "\""));
    Matcher link =
        Pattern.compile("/join/([A-Za-z0-9_-]+)")
            .matcher(section.substring(0, section.indexOf("</section>")));
    assertThat(link.find()).as("a join link for team %d on the links page", team).isTrue();
    return link.group(1);
  }

  /** A participant joins the team through a fresh link and lands on the team's page. */
  public Browser seat(AppNode node, long drillId, long team, String name, String role)
      throws Exception {
    String token = joinToken(node, drillId, team);
    Browser participant = new Browser();
    participant.get(node, "/join/" + token);
    HttpResponse<String> joined =
        participant.post(node, "/join/" + token, "name", name, "role", role);
    assertThat(joined.statusCode()).as("joining: %s", joined.body()).isEqualTo(303);
    assertThat(joined.headers().firstValue("location").orElseThrow()).endsWith("/teams/" + team);
    participant.get(node, "/teams/" + team);
    return participant;
  }

  /** A participant's answer to an open decision, posted from the team page's form. */
  public static HttpResponse<String> decide(
      Browser participant, AppNode node, long team, String decision, String option)
      throws Exception {
    return participant.post(
        node,
        "/teams/" + team + "/decisions/" + decision,
        "option",
        option,
        "rationale",
        "Decided by the fault test.");
  }
}
