package io.breachdrill.web;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

  /** Markdown rendered to HTML with any raw HTML in it shown as text. */
  static RawString markdown(String text) {
    return new RawString(RENDERER.render(PARSER.parse(text == null ? "" : text)));
  }
}
