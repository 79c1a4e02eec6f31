package io.breachdrill.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the manager narrowed the dashboard to: a scenario id, a team name (any case), and finish
 * dates from and to, both included, as UTC days. Blank fields filter nothing.
 */
public record DashboardFilter(String scenario, String team, LocalDate from, LocalDate to) {

  public static final DashboardFilter NONE = new DashboardFilter(null, null, null, null);

  /** Reads the form's fields; a date that is not one is refused with what to type instead. */
  public static DashboardFilter parse(String scenario, String team, String from, String to) {
    LocalDate first = date("From", from);
    LocalDate last = date("To", to);
    if (first != null && last != null && first.isAfter(last)) {
      throw new BadFilter("From (" + first + ") must not be after To (" + last + ").");
    }
    return new DashboardFilter(blankToNull(scenario), blankToNull(team), first, last);
  }

  private static LocalDate date(String label, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new BadFilter(label + " must be a date such as 2026-11-28, not " + text.strip() + ".");
    }
  }

  /** A page number of the drills table: blank is the first; anything but 1, 2, ... is refused. */
  public static int page(String text) {
    if (text == null || text.isBlank()) {
      return 1;
    }
    String page = text.strip();
    if (!page.matches("[0-9]{1,9}") || Integer.parseInt(page) < 1) {
      throw new BadFilter("Page must be a whole number from 1 up, not " + page + ".");
    }
    return Integer.parseInt(page);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** The SQL condition on {@code stored_score s}, its parameters numbered from 1. */
  String where(List<Object> parameters) {
    List<String> terms = new ArrayList<>();
    terms.add(whereGroup("s", parameters));
    if (from != null) {
      parameters.add(lower());
      terms.add("s.finished_at >= ?" + parameters.size());
    }
    if (to != null) {
      parameters.add(upper());
      terms.add("s.finished_at < ?" + parameters.size());
    }
    return String.join(" AND ", terms);
  }

  /** The condition on scenario and team alone, on a table with those columns under the alias. */
  String whereGroup(String alias, List<Object> parameters) {
    List<String> terms = new ArrayList<>();
    if (scenario != null) {
      parameters.add(scenario);
      terms.add(alias + ".scenario_id = ?" + parameters.size());
    }
    if (team != null) {
      parameters.add(team.toLowerCase(Locale.ROOT));
      terms.add("LOWER(" + alias + ".team_name) = ?" + parameters.size());
    }
    return terms.isEmpty() ? "1 = 1" : String.join(" AND ", terms);
  }

  /** The first finish instant the filter lets through, or null. */
  Instant lower() {
    return from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** The first finish instant past the filter, or null. */
  Instant upper() {
    return to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** The filter as a query string for links (the CSV exports), empty when nothing is set. */
  public String query() {
    return query(parts());
  }

  /** A link to one page of the drills table under this filter. */
  public String pageQuery(int page) {
    List<String> parts = parts();
    if (page > 1) {
      parts.add("page=" + page);
    }
    return query(parts);
  }

  private List<String> parts() {
    List<String> parts = new ArrayList<>();
    add(parts, "scenario", scenario);
    add(parts, "team", team);
    add(parts, "from", from == null ? null : from.toString());
    add(parts, "to", to == null ? null : to.toString());
    return parts;
  }

  private static String query(List<String> parts) {
    return parts.isEmpty() ? "" : "?" + String.join("&", parts);
  }

  private static void add(List<String> parts, String name, String value) {
    if (value != null) {
      parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  /** A filter the manager must correct; its message says how. */
  public static class BadFilter extends RuntimeException {
    BadFilter(String message) {
      super(message);
    }
  }
}
