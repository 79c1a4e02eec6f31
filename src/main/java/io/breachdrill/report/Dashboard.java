package io.breachdrill.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The managers' dashboard read from the stored scorecards, every figure in one SQL query. */
@ApplicationScoped
public class Dashboard {

  /** One team's total in one finished drill. */
  public record ScoreRow(
      long drillId,
      String drillTitle,
      String scenarioId,
      String teamName,
      Instant finishedAt,
      BigDecimal earned,
      int maximum,
      BigDecimal percentage,
      BigDecimal adjustedPercentage) {}

  /** One team's score in one control area of one finished drill. */
  public record ControlRow(
      long drillId,
      String drillTitle,
      String scenarioId,
      String teamName,
      Instant finishedAt,
      String control,
      BigDecimal earned,
      int maximum,
      BigDecimal percentage) {}

  /** How often one team did one playbook step on time, late, not at all, or against it. */
  public record StepCount(
      String scenarioId,
      String stepId,
      String title,
      String teamName,
      int onTime,
      int late,
      int missed,
      int harmed) {

    public int total() {
      return onTime + late + missed + harmed;
    }
  }

  /** A control area or technique, and in how many finished drills it was exercised. */
  public record Exercised(String id, long drills) {}

  private final EntityManager entities;

  Dashboard(EntityManager entities) {
    this.entities = entities;
  }

  public List<ScoreRow> scores(DashboardFilter filter) {
    List<Object> parameters = new ArrayList<>();
    String sql =
        "SELECT s.drill_id, s.drill_title, s.scenario_id, s.team_name, s.finished_at, s.earned,"
            + " s.maximum, s.percentage, s.adjusted_percentage FROM stored_score s WHERE "
            + filter.where(parameters)
            + " ORDER BY s.finished_at, s.drill_id, s.team_name";
    return rows(sql, parameters).stream()
        .map(
            r ->
                new ScoreRow(
                    number(r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    instant(r[4]),
                    (BigDecimal) r[5],
                    number(r[6]).intValue(),
                    (BigDecimal) r[7],
                    (BigDecimal) r[8]))
        .toList();
  }

  public List<ControlRow> controls(DashboardFilter filter) {
    List<Object> parameters = new ArrayList<>();
    String sql =
        "SELECT s.drill_id, s.drill_title, s.scenario_id, s.team_name, s.finished_at, c.control,"
            + " c.earned, c.maximum, c.percentage"
            + " FROM stored_score s JOIN stored_score_control c ON c.team_id = s.team_id WHERE "
            + filter.where(parameters)
            + " ORDER BY c.control, s.finished_at, s.drill_id, s.team_name";
    return rows(sql, parameters).stream()
        .map(
            r ->
                new ControlRow(
                    number(r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    instant(r[4]),
                    (String) r[5],
                    (BigDecimal) r[6],
                    number(r[7]).intValue(),
                    (BigDecimal) r[8]))
        .toList();
  }

  public List<StepCount> steps(DashboardFilter filter) {
    List<Object> parameters = new ArrayList<>();
    String sql =
        "SELECT s.scenario_id, p.step_id, MAX(p.title), s.team_name,"
            + " SUM(CASE WHEN p.status = 'ON_TIME' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN p.status = 'LATE' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN p.status = 'MISSED' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN p.status = 'HARMED' THEN 1 ELSE 0 END)"
            + " FROM stored_score s JOIN stored_score_step p ON p.team_id = s.team_id WHERE "
            + filter.where(parameters)
            + " GROUP BY s.scenario_id, p.step_id, s.team_name"
            + " ORDER BY s.scenario_id, p.step_id, s.team_name";
    return rows(sql, parameters).stream()
        .map(
            r ->
                new StepCount(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    number(r[4]).intValue(),
                    number(r[5]).intValue(),
                    number(r[6]).intValue(),
                    number(r[7]).intValue()))
        .toList();
  }

  /** Control areas the playbooks of drills finished since then covered, with their counts. */
  public List<Exercised> controlsSince(Instant since) {
    return exercised(
        "SELECT c.control, COUNT(DISTINCT s.drill_id) FROM stored_score s"
            + " JOIN stored_score_control c ON c.team_id = s.team_id"
            + " WHERE s.finished_at >= ?1 GROUP BY c.control ORDER BY c.control",
        since);
  }

  /** Techniques the injects of drills finished since then named, with their counts. */
  public List<Exercised> techniquesSince(Instant since) {
    return exercised(
        "SELECT t.technique, COUNT(DISTINCT t.drill_id) FROM stored_drill_technique t"
            + " WHERE t.drill_id IN (SELECT s.drill_id FROM stored_score s WHERE s.finished_at >= ?1)"
            + " GROUP BY t.technique ORDER BY t.technique",
        since);
  }

  private List<Exercised> exercised(String sql, Instant since) {
    return rows(sql, List.of(since)).stream()
        .map(r -> new Exercised((String) r[0], number(r[1]).longValue()))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> rows(String sql, List<Object> parameters) {
    Query query = entities.createNativeQuery(sql);
    for (int i = 0; i < parameters.size(); i++) {
      query.setParameter(i + 1, parameters.get(i));
    }
    return query.getResultList();
  }

  private static Number number(Object value) {
    return (Number) value;
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant at) {
      return at;
    }
    if (value instanceof OffsetDateTime at) {
      return at.toInstant();
    }
    if (value instanceof Timestamp at) {
      return at.toInstant();
    }
    throw new IllegalStateException("not a time: " + value);
  }
}
