package io.breachdrill.report;

import io.breachdrill.web.Invalid;
import jakarta.ws.rs.QueryParam;

/** The dashboard's filter as the page's form and the CSV links send it, before it is checked. */
public class DashboardQuery {

  @QueryParam("scenario")
  String scenario;

  @QueryParam("team")
  String team;

  @QueryParam("from")
  String from;

  @QueryParam("to")
  String to;

  /** The filter; a date that is not one is refused with what to type instead. */
  DashboardFilter parse() {
    return DashboardFilter.parse(scenario, team, from, to);
  }

  /** The filter, or 400 with the reason: exports have no form to show the mistake on. */
  DashboardFilter checked() {
    try {
      return parse();
    } catch (DashboardFilter.BadFilter bad) {
      throw new Invalid(bad.getMessage());
    }
  }

  /** What was typed, to show again beside the mistake. */
  DashboardView.Typed typed() {
    return new DashboardView.Typed(scenario, team, from, to);
  }
}
