package io.breachdrill.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Keeps the monthly sums of the stored scorecards ({@code stored_month_*}) that the dashboard's
 * charts, heat map and coverage read. Each sum is rebuilt from the stored rows, never adjusted by a
 * difference, so rebuilding is idempotent and a sum is right whatever was written before. Rebuilds
 * hold the lock of {@code stored_month_state}'s row until their transaction ends: a drill finishing
 * meanwhile on another node rebuilds its months after, and sees these rows.
 */
@ApplicationScoped
public class DashboardSums {

  /** One team's month of one scenario: the unit a drill's rows change. */
  public record TeamMonth(String scenarioId, String teamName, LocalDate month) {}

  private final EntityManager entities;

  DashboardSums(EntityManager entities) {
    this.entities = entities;
  }

  /** The UTC calendar month an instant falls in, as its first day. */
  public static LocalDate monthOf(Instant at) {
    return YearMonth.from(at.atOffset(ZoneOffset.UTC)).atDay(1);
  }

  static Instant start(LocalDate month) {
    return month.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  static Instant end(LocalDate month) {
    return start(month.plusMonths(1));
  }

  /**
   * Rebuilds the sums of these team months and the coverage of their months, in the caller's
   * transaction, once the caller has written (or removed) a drill's stored rows. Does nothing while
   * the sums wait for their first rebuild at start, which will read these rows.
   */
  void rebuild(Collection<TeamMonth> changed) {
    if (changed.isEmpty() || !lockBuilt()) {
      return;
    }
    TreeSet<LocalDate> months = new TreeSet<>();
    for (TeamMonth teamMonth : changed) {
      rebuildTeams(teamMonth.month(), teamMonth.scenarioId(), teamMonth.teamName());
      months.add(teamMonth.month());
    }
    months.forEach(this::rebuildCoverage);
  }

  /**
   * At start, in its own transaction: rebuilds every sum when they have never been built (after the
   * migration that added them). Returns how many months it rebuilt, or -1 if they were built.
   */
  int rebuildAllIfNeeded(Instant now) {
    Object builtAt =
        entities
            .createNativeQuery("SELECT built_at FROM stored_month_state WHERE id = 1 FOR UPDATE")
            .getSingleResult();
    if (builtAt != null) {
      return -1;
    }
    for (String table :
        List.of(
            "stored_month_score",
            "stored_month_control",
            "stored_month_step",
            "stored_month_coverage")) {
      entities.createNativeQuery("DELETE FROM " + table).executeUpdate();
    }
    Object[] range =
        (Object[])
            entities
                .createNativeQuery("SELECT MIN(finished_at), MAX(finished_at) FROM stored_score")
                .getSingleResult();
    int rebuilt = 0;
    if (range[0] != null) {
      LocalDate last = monthOf(Dashboard.instant(range[1]));
      for (LocalDate month = monthOf(Dashboard.instant(range[0]));
          !month.isAfter(last);
          month = month.plusMonths(1)) {
        rebuildTeams(month, null, null);
        rebuildCoverage(month);
        rebuilt++;
      }
    }
    entities
        .createNativeQuery("UPDATE stored_month_state SET built_at = ?1 WHERE id = 1")
        .setParameter(1, now)
        .executeUpdate();
    return rebuilt;
  }

  /** Takes the sums' lock; whether they have been built. */
  private boolean lockBuilt() {
    return entities
            .createNativeQuery("SELECT built_at FROM stored_month_state WHERE id = 1 FOR UPDATE")
            .getSingleResult()
        != null;
  }

  /** The team sums of a month: of one scenario's team, or (both null) of every team. */
  private void rebuildTeams(LocalDate month, String scenarioId, String teamName) {
    String which = scenarioId == null ? "" : " AND scenario_id = :scenario AND team_name = :team";
    String rows =
        " FROM stored_score s%s WHERE s.finished_at >= :from AND s.finished_at < :to"
            + (scenarioId == null ? "" : " AND s.scenario_id = :scenario AND s.team_name = :team");
    run(
        month,
        scenarioId,
        teamName,
        "DELETE FROM stored_month_score WHERE month_start = :month" + which);
    run(
        month,
        scenarioId,
        teamName,
        "INSERT INTO stored_month_score (scenario_id, team_name, month_start, scores,"
            + " percentage_sum) SELECT s.scenario_id, s.team_name, CAST(:month AS DATE), COUNT(*),"
            + " SUM(s.percentage)"
            + rows.formatted("")
            + " GROUP BY s.scenario_id, s.team_name");
    run(
        month,
        scenarioId,
        teamName,
        "DELETE FROM stored_month_control WHERE month_start = :month" + which);
    run(
        month,
        scenarioId,
        teamName,
        "INSERT INTO stored_month_control (scenario_id, team_name, month_start, control, scores,"
            + " percentage_sum) SELECT s.scenario_id, s.team_name, CAST(:month AS DATE), c.control,"
            + " COUNT(*), SUM(c.percentage)"
            + rows.formatted(" JOIN stored_score_control c ON c.team_id = s.team_id")
            + " GROUP BY s.scenario_id, s.team_name, c.control");
    run(
        month,
        scenarioId,
        teamName,
        "DELETE FROM stored_month_step WHERE month_start = :month" + which);
    run(
        month,
        scenarioId,
        teamName,
        "INSERT INTO stored_month_step (scenario_id, team_name, month_start, step_id, title,"
            + " on_time, late, missed, harmed) SELECT s.scenario_id, s.team_name,"
            + " CAST(:month AS DATE), p.step_id, MAX(p.title),"
            + " SUM(CASE WHEN p.status = 'ON_TIME' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN p.status = 'LATE' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN p.status = 'MISSED' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN p.status = 'HARMED' THEN 1 ELSE 0 END)"
            + rows.formatted(" JOIN stored_score_step p ON p.team_id = s.team_id")
            + " GROUP BY s.scenario_id, s.team_name, p.step_id");
  }

  /** Control areas and techniques of the drills finished in the month, counted once per drill. */
  private void rebuildCoverage(LocalDate month) {
    run(month, null, null, "DELETE FROM stored_month_coverage WHERE month_start = :month");
    run(
        month,
        null,
        null,
        "INSERT INTO stored_month_coverage (month_start, kind, item, drills)"
            + " SELECT CAST(:month AS DATE), 'control', c.control, COUNT(DISTINCT s.drill_id)"
            + " FROM stored_score s JOIN stored_score_control c ON c.team_id = s.team_id"
            + " WHERE s.finished_at >= :from AND s.finished_at < :to GROUP BY c.control");
    run(
        month,
        null,
        null,
        "INSERT INTO stored_month_coverage (month_start, kind, item, drills)"
            + " SELECT CAST(:month AS DATE), 'technique', t.technique, COUNT(*)"
            + " FROM stored_drill_technique t WHERE t.drill_id IN (SELECT s.drill_id FROM"
            + " stored_score s WHERE s.finished_at >= :from AND s.finished_at < :to)"
            + " GROUP BY t.technique");
  }

  private void run(LocalDate month, String scenarioId, String teamName, String sql) {
    var query = entities.createNativeQuery(sql);
    if (sql.contains(":month")) {
      query.setParameter("month", month);
    }
    if (sql.contains(":scenario")) {
      query.setParameter("scenario", scenarioId);
      query.setParameter("team", teamName);
    }
    if (sql.contains(":from")) {
      query.setParameter("from", start(month));
      query.setParameter("to", end(month));
    }
    query.executeUpdate();
  }
}
