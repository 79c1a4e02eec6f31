package io.breachdrill.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateExtensionsTest {

  @Test
  void rendersMarkdown() {
    assertThat(TemplateExtensions.markdown("**Rule** `IDP-7`\n\n- one").getValue())
        .contains("<strong>Rule</strong>", "<code>IDP-7</code>", "<li>one</li>");
  }

  @Test
  void rawHtmlIsShownAsTextNeverRun() {
    String html =
        TemplateExtensions.markdown("Hello <script>alert(1)</script> <img src=x onerror=y>")
            .getValue();
    assertThat(html).doesNotContain("<script>", "<img").contains("&lt;script&gt;");
  }

  @Test
  void javascriptLinksAreDropped() {
    assertThat(TemplateExtensions.markdown("[click](javascript:alert(1))").getValue())
        .doesNotContain("javascript:");
  }
}
