package io.breachdrill.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The operating system's Chromium, driven by Playwright; nothing is downloaded. */
public final class Chromium implements AutoCloseable {

  public static final List<String> WCAG_AA =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  private final Playwright playwright;
  private final Browser browser;

  private Chromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  public static Chromium launch() {
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(
                        Path.of(System.getProperty("browser.executable", "/usr/bin/chromium")))
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run")));
    return new Chromium(playwright, browser);
  }

  /** A page in a fresh browser profile, nobody signed in. */
  public Page anonymousPage() {
    return browser.newContext().newPage();
  }

  /** A page in a fresh browser profile that holds this session cookie for the app. */
  public Page pageWithSession(URL app, String session) {
    BrowserContext context = browser.newContext();
    context.addCookies(List.of(new Cookie("breachdrill-session", session).setUrl(app.toString())));
    return context.newPage();
  }

  public static void assertNoAccessibilityViolations(Page page) {
    AxeResults results = new AxeBuilder(page).withTags(WCAG_AA).analyze();
    assertThat(results.getViolations())
        .as("WCAG 2.2 AA violations on %s", page.url())
        .extracting(Rule::getId)
        .isEmpty();
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
