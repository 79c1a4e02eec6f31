import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the harness reads from the app's HTML: the same attributes the pages' script uses. */
final class Html {

  private static final Pattern STREAM = Pattern.compile("data-stream=\"([^\"]+)\"");
  private static final Pattern JOIN_LINK = Pattern.compile("/join/([A-Za-z0-9_-]{20,})");
  private static final Pattern ROLE = Pattern.compile("<option value=\"([^\"]+)\"");
  private static final Pattern DECISION_FORM =
      Pattern.compile(
          "<form id=\"decision-([^\"]+)\"[^>]*action=\"/teams/(\\d+)/decisions/([^\"]+)\"");
  private static final Pattern OPTION = Pattern.compile("name=\"option\" value=\"([^\"]+)\"");
  private static final Pattern DEADLINE = Pattern.compile("data-deadline-ms=\"(\\d+)\"");

  /** A decision form as a stream message brings it: which decision, its options, its deadline. */
  record DecisionForm(long teamId, String decisionId, List<String> options, Long deadlineMs) {}

  private Html() {}

  /** The page's live stream address, as its script would open it. */
  static String streamPath(String page) {
    Matcher m = STREAM.matcher(page);
    if (!m.find()) {
      throw new IllegalStateException("the page has no data-stream address");
    }
    return m.group(1).replace("&amp;", "&");
  }

  static List<String> joinTokens(String page) {
    List<String> tokens = new ArrayList<>();
    Matcher m = JOIN_LINK.matcher(page);
    while (m.find()) {
      if (!tokens.contains(m.group(1))) {
        tokens.add(m.group(1));
      }
    }
    return tokens;
  }

  static List<String> roles(String joinPage) {
    List<String> roles = new ArrayList<>();
    Matcher m = ROLE.matcher(joinPage);
    while (m.find()) {
      roles.add(unescape(m.group(1)));
    }
    return roles;
  }

  /** Every decision form in a fragment; the options and deadline are read up to the next form. */
  static List<DecisionForm> decisionForms(String fragment) {
    List<DecisionForm> forms = new ArrayList<>();
    Matcher form = DECISION_FORM.matcher(fragment);
    List<int[]> spans = new ArrayList<>();
    List<String[]> ids = new ArrayList<>();
    while (form.find()) {
      spans.add(new int[] {form.start(), form.end()});
      ids.add(new String[] {form.group(2), unescape(form.group(3))});
    }
    for (int i = 0; i < spans.size(); i++) {
      int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : fragment.length();
      int close = fragment.indexOf("</form>", spans.get(i)[1]);
      String body = fragment.substring(spans.get(i)[1], close < 0 || close > end ? end : close);
      List<String> options = new ArrayList<>();
      Matcher option = OPTION.matcher(body);
      while (option.find()) {
        options.add(unescape(option.group(1)));
      }
      Matcher deadline = DEADLINE.matcher(body);
      forms.add(
          new DecisionForm(
              Long.parseLong(ids.get(i)[0]),
              ids.get(i)[1],
              options,
              deadline.find() ? Long.valueOf(deadline.group(1)) : null));
    }
    return forms;
  }

  /** The readable text of an error page, short, for a report line. */
  static String text(String page) {
    String main = page;
    int start = page.indexOf("<main");
    int end = page.indexOf("</main>");
    if (start >= 0 && end > start) {
      main = page.substring(start, end);
    }
    String text = unescape(main.replaceAll("(?s)<[^>]*>", " ")).replaceAll("\\s+", " ").strip();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  static Optional<String> first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  static String unescape(String text) {
    return text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
