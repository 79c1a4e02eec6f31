package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractStringAssert;

/** What a person reads on a page: the text without tags, with entities decoded. */
final class Pages {

  private static final Pattern HIDDEN =
      Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1>|<!--.*?-->");
  private static final Pattern INLINE =
      Pattern.compile("(?i)</?(a|abbr|b|code|em|i|kbd|label|span|strong|time)\\b[^>]*>");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern NUMERIC = Pattern.compile("&#(x?)([0-9a-fA-F]+);");

  private Pages() {}

  static String text(String html) {
    String visible = HIDDEN.matcher(html).replaceAll(" ");
    String text = TAG.matcher(INLINE.matcher(visible).replaceAll("")).replaceAll(" ");
    Matcher numeric = NUMERIC.matcher(text);
    StringBuilder decoded = new StringBuilder();
    while (numeric.find()) {
      int code = Integer.parseInt(numeric.group(2), numeric.group(1).isEmpty() ? 10 : 16);
      numeric.appendReplacement(decoded, Matcher.quoteReplacement(Character.toString(code)));
    }
    numeric.appendTail(decoded);
    return decoded
        .toString()
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replaceAll("\\s+", " ")
        .strip();
  }

  /** The markup of the element that starts with the given opening text, up to the next marker. */
  static String between(String html, String start, String end) {
    int from = html.indexOf(start);
    if (from < 0) {
      throw new AssertionError("the page has no " + start);
    }
    int to = html.indexOf(end, from + start.length());
    return html.substring(from, to < 0 ? html.length() : to);
  }

  /** The markup of one item of a team's feed, from its opening tag to its title. */
  static String feedItem(String page, long seq) {
    return between(page, "<li id=\"inject-" + seq + "\"", "<h3>");
  }

  /** Checks a refusal is a readable error page, and returns its text for what it must say. */
  static AbstractStringAssert<?> refused(Response response, int status, String title) {
    response.then().statusCode(status).contentType(ContentType.HTML);
    String text = text(response.asString());
    assertThat(text).contains(status + " · " + title).doesNotContain("Exception", "at io.");
    return assertThat(text);
  }
}
