package io.breachdrill.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** The SQL condition on {@code stored_score s}, its parameters numbered from 1. */
  String where(List<Object> parameters) {
    List<String> terms = new ArrayList<>();
    if (scenario != null) {
      parameters.add(scenario);
      terms.add("s.scenario_id = ?" + parameters.size());
    }
    if (team != null) {
      parameters.add(team.toLowerCase(Locale.ROOT));
      terms.add("LOWER(s.team_name) = ?" + parameters.size());
    }
    if (from != null) {
      parameters.add(from.atStartOfDay().toInstant(ZoneOffset.UTC));
      terms.add("s.finished_at >= ?" + parameters.size());
    }
    if (to != null) {
      parameters.add(to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
      terms.add("s.finished_at < ?" + parameters.size());
    }
    return terms.isEmpty() ? "1 = 1" : String.join(" AND ", terms);
  }

  /** The filter as a query string for links (the CSV exports), empty when nothing is set. */
  public String query() {
    List<String> parts = new ArrayList<>();
    add(parts, "scenario", scenario);
    add(parts, "team", team);
    add(parts, "from", from == null ? null : from.toString());
    add(parts, "to", to == null ? null : to.toString());
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
