package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One person's browser against packaged nodes: one cookie jar for every node (one site behind a
 * load balancer), forms posted with the CSRF token of the page last loaded, and event streams.
 */
public final class Browser {

  static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> cookies = new LinkedHashMap<>();
  private volatile String csrfToken;

  void signIn(AppNode node, String email, String password) throws Exception {
    get(node, "/login");
    HttpResponse<String> signedIn =
        post(node, "/login", "next", "/", "email", email, "password", password);
    assertThat(signedIn.statusCode()).as("signing in %s", email).isEqualTo(303);
  }

  public HttpResponse<String> get(AppNode node, String path) throws Exception {
    HttpResponse<String> response = send(request(node, path).GET());
    Matcher token =
        Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(response.body());
    if (token.find()) {
      csrfToken = token.group(1);
    }
    return response;
  }

  public JsonNode json(AppNode node, String path) throws Exception {
    HttpResponse<String> response =
        send(request(node, path).header("Accept", "application/json").GET());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** Posts a form as the page last loaded would, with its CSRF token. */
  public HttpResponse<String> post(AppNode node, String path, String... namesAndValues)
      throws Exception {
    StringBuilder form = new StringBuilder("csrf-token=").append(encode(csrfToken));
    for (int i = 0; i < namesAndValues.length; i += 2) {
      form.append('&')
          .append(encode(namesAndValues[i]))
          .append('=')
          .append(encode(namesAndValues[i + 1]));
    }
    return send(
        request(node, path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
  }

  /** Posts a JSON body with this browser's session, as a script using the JSON API would. */
  public HttpResponse<String> postJson(AppNode node, String path, String body) throws Exception {
    return send(
        request(node, path)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A page's event stream that ends with its connection, after a seq or a Last-Event-ID. */
  SseClient stream(AppNode node, String path, Long after, Long lastEventId) {
    return SseClient.open(
        node.name + path,
        (Long last) -> streamRequest(node, path, after, last),
        lastEventId,
        false);
  }

  /**
   * A page's event stream as the browser's EventSource keeps it: when the connection ends it
   * connects again, to whichever node {@code target} names then, with the last id it received.
   */
  SseClient eventSource(Supplier<AppNode> target, String path, Long after) {
    return SseClient.open(
        path, (Long last) -> streamRequest(target.get(), path, after, last), null, true);
  }

  private HttpRequest streamRequest(AppNode node, String path, Long after, Long lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(node.url(path + (after == null ? "" : "?after=" + after))))
            .header("Accept", "text/event-stream")
            .header("Cookie", cookieHeader());
    if (lastEventId != null) {
      request.header("Last-Event-ID", String.valueOf(lastEventId));
    }
    return request.GET().build();
  }

  private HttpRequest.Builder request(AppNode node, String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(30));
    String cookie = cookieHeader();
    if (!cookie.isEmpty()) {
      request.header("Cookie", cookie);
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        AppNode.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    synchronized (cookies) {
      for (String header : response.headers().allValues("set-cookie")) {
        String pair = header.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
    }
    return response;
  }

  private String cookieHeader() {
    synchronized (cookies) {
      return cookies.entrySet().stream()
          .map(c -> c.getKey() + "=" + c.getValue())
          .collect(Collectors.joining("; "));
    }
  }

  static String encode(String text) {
    return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
  }
}
