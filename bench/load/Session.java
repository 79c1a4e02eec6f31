import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser's cookies and last CSRF token against one node, over a shared HTTP client: a thousand
 * participants need a thousand cookie jars, not a thousand clients.
 */
final class Session {

  static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

  final String base;
  final HttpClient http;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private volatile String csrfToken = "";
  private volatile String cookieHeader = "";

  Session(String base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  void signIn(String email, String password) throws Exception {
    get("/login");
    expect303(post("/login", "next", "/", "email", email, "password", password), "signing in");
  }

  /** A page, keeping its CSRF token for the next form. */
  HttpResponse<String> get(String path) throws Exception {
    HttpResponse<String> page = send(request(path).GET());
    Matcher token = CSRF.matcher(page.body());
    if (token.find()) {
      csrfToken = token.group(1);
    }
    return page;
  }

  HttpResponse<String> page(String path) throws Exception {
    HttpResponse<String> page = get(path);
    if (page.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + page.statusCode());
    }
    return page;
  }

  String json(String path) throws Exception {
    HttpResponse<String> response = send(request(path).header("Accept", "application/json").GET());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
    }
    return response.body();
  }

  HttpResponse<String> post(String path, String... namesAndValues) throws Exception {
    return send(form(path, namesAndValues));
  }

  /** A form post that leaves the cookies alone, for many at once (deciding). */
  CompletableFuture<HttpResponse<String>> postAsync(String path, String... namesAndValues) {
    return http.sendAsync(form(path, namesAndValues).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The redirect's target; anything but a 303 is an error with the page's text. */
  String expect303(HttpResponse<String> response, String what) {
    if (response.statusCode() != 303) {
      throw new IllegalStateException(
          what + " answered " + response.statusCode() + ": " + Html.text(response.body()));
    }
    return response.headers().firstValue("location").orElseThrow();
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
    String cookie = cookieHeader;
    if (!cookie.isEmpty()) {
      request.header("Cookie", cookie);
    }
    return request;
  }

  private HttpRequest.Builder form(String path, String... namesAndValues) {
    StringBuilder form = new StringBuilder("csrf-token=").append(encode(csrfToken));
    for (int i = 0; i < namesAndValues.length; i += 2) {
      form.append('&')
          .append(encode(namesAndValues[i]))
          .append('=')
          .append(encode(namesAndValues[i + 1]));
    }
    return request(path)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    keepCookies(response);
    return response;
  }

  private synchronized void keepCookies(HttpResponse<?> response) {
    for (String header : response.headers().allValues("set-cookie")) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq).strip();
      String value = pair.substring(eq + 1).strip();
      if (value.isEmpty() || header.toLowerCase(Locale.ROOT).contains("max-age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    List<String> pairs = new ArrayList<>();
    cookies.forEach((name, value) -> pairs.add(name + "=" + value));
    cookieHeader = String.join("; ", pairs);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
