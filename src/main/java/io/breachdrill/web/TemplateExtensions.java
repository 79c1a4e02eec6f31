package io.breachdrill.web;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

@TemplateExtension
public class TemplateExtensions {

  private static final Parser PARSER = Parser.builder().build();

  // Scenario and user text is never trusted: raw HTML is escaped and unsafe links are dropped.
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** An instant as people read it in logs: date and time in UTC. */
  static String utc(Instant at) {
    return UTC.format(at);
  }

  /** Rendered texts kept, by their source; beyond this many the cache starts afresh. */
  static final int MAX_RENDERED = 1024;

  // The same inject bodies are shown on every page view of every participant: render each once.
  private static final Map<String, RawString> RENDERED = new ConcurrentHashMap<>();

  /** Markdown rendered to HTML with any raw HTML in it shown as text. */
  static RawString markdown(String text) {
    String source = text == null ? "" : text;
    RawString html = RENDERED.get(source);
    if (html == null) {
      html = new RawString(RENDERER.render(PARSER.parse(source)));
      if (RENDERED.size() >= MAX_RENDERED) {
        RENDERED.clear();
      }
      RENDERED.put(source, html);
    }
    return html;
  }
}
