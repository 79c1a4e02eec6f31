package io.breachdrill.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hibernate.Session;

/**
 * The managers' dashboard read from the stored scorecards. Lists (a page of drills, the CSV
 * exports) read the stored rows; aggregates (trends, heat map, coverage) read the monthly sums of
 * {@link DashboardSums}, plus the stored rows of the partial months at the edges of a date filter.
 */
@ApplicationScoped
public class Dashboard {

  /** Up to this many team scores, the trend charts show every drill; beyond, monthly averages. */
  public static final int DRILL_POINTS_UP_TO = 200;

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

  /**
   * One page of the drills table, newest drill first: {@code page} counts from 1, {@code pages} is
   * at least 1, {@code size} drills a page; {@code drills} and {@code scores} count all that match
   * the filter.
   */
  public record DrillPage(
      int page, int pages, int size, long drills, long scores, List<ScoreRow> rows) {

    public boolean exists() {
      return page <= pages;
    }

    /** The first drill on this page, counting from 1. */
    public long first() {
      return (long) (page - 1) * size + 1;
    }

    /** The last drill on this page. */
    public long last() {
      return Math.min(drills, (long) page * size);
    }
  }

  /**
   * The points of the trend charts: every drill's score, or ({@code monthly}) each team's average
   * per month.
   */
  public record Trend(
      boolean monthly,
      List<DashboardChart.Sample> overall,
      Map<String, List<DashboardChart.Sample>> byControl) {}

  private final EntityManager entities;
  private final int pageSize;

  Dashboard(EntityManager entities, DashboardConfig config) {
    this.entities = entities;
    this.pageSize = config.pageSize();
  }

  /** Every matching team score, oldest first (the CSV export). */
  public List<ScoreRow> scores(DashboardFilter filter) {
    List<ScoreRow> rows = new ArrayList<>();
    eachScore(filter, rows::add);
    return rows;
  }

  /**
   * Hands every matching team score, oldest first, to {@code row} as it is read: the whole CSV of
   * 10,000 drills never sits in memory at once.
   */
  public void eachScore(DashboardFilter filter, Consumer<ScoreRow> row) {
    List<Object> parameters = new ArrayList<>();
    String sql =
        SCORE_COLUMNS
            + " FROM stored_score s WHERE "
            + filter.where(parameters)
            + " ORDER BY s.finished_at, s.drill_id, s.team_name";
    each(
        sql,
        parameters,
        r ->
            row.accept(
                new ScoreRow(
                    r.getLong(1),
                    r.getString(2),
                    r.getString(3),
                    r.getString(4),
                    r.getObject(5, OffsetDateTime.class).toInstant(),
                    r.getBigDecimal(6),
                    r.getInt(7),
                    r.getBigDecimal(8),
                    r.getBigDecimal(9))));
  }

  /** One page of matching drills, newest first, each with its matching teams. */
  @SuppressWarnings("unchecked")
  public DrillPage drills(DashboardFilter filter, int page) {
    List<Object> parameters = new ArrayList<>();
    String where = filter.where(parameters);
    Object[] counts =
        (Object[])
            query(
                    "SELECT COUNT(DISTINCT s.drill_id), COUNT(*) FROM stored_score s WHERE "
                        + where,
                    parameters)
                .getSingleResult();
    long drills = number(counts[0]).longValue();
    long scores = number(counts[1]).longValue();
    int pages = (int) Math.max(1, (drills + pageSize - 1) / pageSize);
    if (page > pages || drills == 0) {
      return new DrillPage(page, pages, pageSize, drills, scores, List.of());
    }
    // a drill's teams share its finish time, so this walks the (finished_at, drill_id) index
    // backwards and stops after the page instead of grouping every row
    List<Object[]> ids =
        query(
                "SELECT DISTINCT s.finished_at, s.drill_id FROM stored_score s WHERE "
                    + where
                    + " ORDER BY s.finished_at DESC, s.drill_id DESC",
                parameters)
            .setFirstResult((page - 1) * pageSize)
            .setMaxResults(pageSize)
            .getResultList();
    List<Object> rowParameters = new ArrayList<>();
    String rowWhere = filter.where(rowParameters);
    List<String> marks = new ArrayList<>();
    for (Object[] id : ids) {
      rowParameters.add(number(id[1]).longValue());
      marks.add("?" + rowParameters.size());
    }
    List<ScoreRow> rows =
        rows(
                SCORE_COLUMNS
                    + " FROM stored_score s WHERE "
                    + rowWhere
                    + " AND s.drill_id IN ("
                    + String.join(", ", marks)
                    + ") ORDER BY s.finished_at DESC, s.drill_id DESC, s.team_name",
                rowParameters)
            .stream()
            .map(Dashboard::scoreRow)
            .toList();
    return new DrillPage(page, pages, pageSize, drills, scores, rows);
  }

  /** Every matching control-area score, by control area, oldest first (the CSV export). */
  public List<ControlRow> controls(DashboardFilter filter) {
    List<ControlRow> rows = new ArrayList<>();
    eachControl(filter, rows::add);
    return rows;
  }

  /** Hands every matching control-area score to {@code row} as it is read, in CSV order. */
  public void eachControl(DashboardFilter filter, Consumer<ControlRow> row) {
    List<Object> parameters = new ArrayList<>();
    String sql =
        "SELECT s.drill_id, s.drill_title, s.scenario_id, s.team_name, s.finished_at, c.control,"
            + " c.earned, c.maximum, c.percentage"
            + " FROM stored_score s JOIN stored_score_control c ON c.team_id = s.team_id WHERE "
            + filter.where(parameters)
            + " ORDER BY c.control, s.finished_at, s.drill_id, s.team_name";
    each(
        sql,
        parameters,
        r ->
            row.accept(
                new ControlRow(
                    r.getLong(1),
                    r.getString(2),
                    r.getString(3),
                    r.getString(4),
                    r.getObject(5, OffsetDateTime.class).toInstant(),
                    r.getString(6),
                    r.getBigDecimal(7),
                    r.getInt(8),
                    r.getBigDecimal(9))));
  }

  /** Reads one row of a result set. */
  private interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  /**
   * Runs a query straight on the transaction's connection and reads it a thousand rows at a time:
   * for the exports' hundreds of thousands of rows, mapping each to an Object[] cost more than the
   * database did.
   */
  private void each(String sql, List<Object> parameters, RowReader reader) {
    entities
        .unwrap(Session.class)
        .doWork(
            connection -> {
              try (PreparedStatement statement =
                  connection.prepareStatement(sql.replaceAll("\\?\\d+", "?"))) {
                for (int i = 0; i < parameters.size(); i++) {
                  Object value = parameters.get(i);
                  statement.setObject(
                      i + 1, value instanceof Instant at ? at.atOffset(ZoneOffset.UTC) : value);
                }
                statement.setFetchSize(1000);
                try (ResultSet rows = statement.executeQuery()) {
                  while (rows.next()) {
                    reader.read(rows);
                  }
                }
              }
            });
  }

  /** The heat map: each team's counts on each step, over every matching drill. */
  public List<StepCount> steps(DashboardFilter filter) {
    List<Object> parameters = new ArrayList<>();
    String sql =
        "SELECT x.scenario_id, x.step_id, MAX(x.title), x.team_name, SUM(x.on_time),"
            + " SUM(x.late), SUM(x.missed), SUM(x.harmed) FROM ("
            + union(
                filter,
                parameters,
                "SELECT m.scenario_id, m.step_id, m.title, m.team_name, m.on_time, m.late,"
                    + " m.missed, m.harmed FROM stored_month_step m WHERE ",
                (month, one) ->
                    "SELECT s.scenario_id, p.step_id, p.title, s.team_name,"
                        + " CASE WHEN p.status = 'ON_TIME' THEN %1$s ELSE 0 END,".formatted(one)
                        + " CASE WHEN p.status = 'LATE' THEN %1$s ELSE 0 END,".formatted(one)
                        + " CASE WHEN p.status = 'MISSED' THEN %1$s ELSE 0 END,".formatted(one)
                        + " CASE WHEN p.status = 'HARMED' THEN %1$s ELSE 0 END".formatted(one)
                        + " FROM stored_score s JOIN stored_score_step p ON p.team_id = s.team_id"
                        + " WHERE ")
            + ") x GROUP BY x.scenario_id, x.step_id, x.team_name"
            + " HAVING SUM(x.on_time) + SUM(x.late) + SUM(x.missed) + SUM(x.harmed) > 0"
            + " ORDER BY x.scenario_id, x.step_id, x.team_name";
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

  /**
   * The trend charts' points: every drill while there are at most {@link #DRILL_POINTS_UP_TO}
   * matching team scores ({@code scores}, from {@link DrillPage#scores()}), else monthly averages.
   */
  public Trend trend(DashboardFilter filter, long scores) {
    if (scores <= DRILL_POINTS_UP_TO) {
      List<DashboardChart.Sample> overall =
          scores(filter).stream()
              .map(
                  s ->
                      DashboardChart.Sample.drill(
                          s.teamName(), s.finishedAt(), s.percentage(), s.drillTitle()))
              .toList();
      Map<String, List<DashboardChart.Sample>> byControl = new LinkedHashMap<>();
      for (ControlRow c : controls(filter)) {
        byControl
            .computeIfAbsent(c.control(), k -> new ArrayList<>())
            .add(
                DashboardChart.Sample.drill(
                    c.teamName(), c.finishedAt(), c.percentage(), c.drillTitle()));
      }
      return new Trend(false, overall, byControl);
    }
    List<Object> parameters = new ArrayList<>();
    List<DashboardChart.Sample> overall =
        rows(
                "SELECT x.team_name, x.month_start, SUM(x.scores), SUM(x.percentage_sum) FROM ("
                    + union(
                        filter,
                        parameters,
                        "SELECT m.team_name, m.month_start, m.scores, m.percentage_sum"
                            + " FROM stored_month_score m WHERE ",
                        (month, one) ->
                            "SELECT s.team_name, %s, %s, %s * s.percentage FROM stored_score s"
                                    .formatted(month, one, one)
                                + " WHERE ")
                    + ") x GROUP BY x.team_name, x.month_start HAVING SUM(x.scores) > 0",
                parameters)
            .stream()
            .map(r -> average((String) r[0], r[1], r[2], r[3]))
            .toList();
    List<Object> controlParameters = new ArrayList<>();
    Map<String, List<DashboardChart.Sample>> byControl = new LinkedHashMap<>();
    for (Object[] r :
        rows(
            "SELECT x.control, x.team_name, x.month_start, SUM(x.scores), SUM(x.percentage_sum)"
                + " FROM ("
                + union(
                    filter,
                    controlParameters,
                    "SELECT m.control, m.team_name, m.month_start, m.scores, m.percentage_sum"
                        + " FROM stored_month_control m WHERE ",
                    (month, one) ->
                        "SELECT c.control, s.team_name, %s, %s, %s * c.percentage"
                                .formatted(month, one, one)
                            + " FROM stored_score s"
                            + " JOIN stored_score_control c ON c.team_id = s.team_id WHERE ")
                + ") x GROUP BY x.control, x.team_name, x.month_start HAVING SUM(x.scores) > 0"
                + " ORDER BY x.control",
            controlParameters)) {
      byControl
          .computeIfAbsent((String) r[0], k -> new ArrayList<>())
          .add(average((String) r[1], r[2], r[3], r[4]));
    }
    return new Trend(true, overall, byControl);
  }

  private static DashboardChart.Sample average(
      String team, Object month, Object scores, Object sum) {
    long count = number(scores).longValue();
    BigDecimal mean =
        new BigDecimal(sum.toString()).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_EVEN);
    return DashboardChart.Sample.month(team, localDate(month), mean, count);
  }

  /** Control areas the playbooks of drills finished since then covered, with their counts. */
  public List<Exercised> controlsSince(Instant since) {
    return exercised(
        "control",
        since,
        "SELECT c.control, %s * COUNT(DISTINCT s.drill_id) FROM stored_score s"
            + " JOIN stored_score_control c ON c.team_id = s.team_id"
            + " WHERE s.finished_at >= ?%d AND s.finished_at < ?%d GROUP BY c.control");
  }

  /** Techniques the injects of drills finished since then named, with their counts. */
  public List<Exercised> techniquesSince(Instant since) {
    return exercised(
        "technique",
        since,
        "SELECT t.technique, %s * COUNT(*) FROM stored_drill_technique t WHERE t.drill_id IN"
            + " (SELECT s.drill_id FROM stored_score s WHERE s.finished_at >= ?%d"
            + " AND s.finished_at < ?%d) GROUP BY t.technique");
  }

  /** The monthly coverage, corrected by the stored rows of the partial month at its start. */
  private List<Exercised> exercised(String kind, Instant since, String edgeSql) {
    Split split = Split.of(since, null);
    List<Object> parameters = new ArrayList<>();
    parameters.add(kind);
    StringBuilder sql =
        new StringBuilder(
            "SELECT x.item, SUM(x.drills) FROM (SELECT c.item, c.drills FROM"
                + " stored_month_coverage c WHERE c.kind = ?1 AND "
                + split.months("c", parameters));
    for (Split.Edge edge : split.edges()) {
      parameters.add(edge.from());
      parameters.add(edge.to());
      sql.append(" UNION ALL ")
          .append(edgeSql.formatted(edge.one(), parameters.size() - 1, parameters.size()));
    }
    sql.append(") x GROUP BY x.item HAVING SUM(x.drills) > 0 ORDER BY x.item");
    return rows(sql.toString(), parameters).stream()
        .map(r -> new Exercised((String) r[0], number(r[1]).longValue()))
        .toList();
  }

  /** The stored rows of one part of a month as SQL, given the month and what one row counts. */
  private interface Edges {
    /**
     * {@code month}: that month's first day as a SQL date; {@code one}: 1 for rows the filter takes
     * in, -1 for rows it leaves out of a month whose sums are read whole. Ends in WHERE, on alias
     * s.
     */
    String sql(String month, String one);
  }

  /**
   * The rows of an aggregate: the monthly sums of the months the filter's dates need ({@code sums},
   * ending in WHERE, on alias m), and for each partial month at an edge the stored rows of the days
   * it takes in, or (when those are more) minus those of the days it leaves out.
   */
  private static String union(
      DashboardFilter filter, List<Object> parameters, String sums, Edges stored) {
    Split split = Split.of(filter.lower(), filter.upper());
    StringBuilder sql =
        new StringBuilder(sums)
            .append(filter.whereGroup("m", parameters))
            .append(" AND ")
            .append(split.months("m", parameters));
    for (Split.Edge edge : split.edges()) {
      // the month is a literal, not a parameter: it is computed here, never typed by anyone
      sql.append(" UNION ALL ")
          .append(stored.sql("DATE '" + edge.month() + "'", edge.one()))
          .append(filter.whereGroup("s", parameters));
      parameters.add(edge.from());
      parameters.add(edge.to());
      sql.append(" AND s.finished_at >= ?")
          .append(parameters.size() - 1)
          .append(" AND s.finished_at < ?")
          .append(parameters.size());
    }
    return sql.toString();
  }

  /**
   * A range of finish times [lower, upper) (either open) as the months whose sums are read whole
   * [fromMonth, toMonth), and the stored rows that correct them at the edges: the days of a partial
   * month that the range takes in, added, or, when the days it leaves out are fewer, those
   * subtracted from the whole month. No edge ever reads more than half a month of stored rows.
   */
  record Split(LocalDate fromMonth, LocalDate toMonth, List<Edge> edges) {

    /** Finish times [from, to) of one month, added or (subtract) taken away. */
    record Edge(LocalDate month, Instant from, Instant to, boolean subtract) {

      String one() {
        return subtract ? "-1" : "1";
      }
    }

    static Split of(Instant lower, Instant upper) {
      List<Edge> edges = new ArrayList<>();
      LocalDate fromMonth = null;
      LocalDate toMonth = null;
      if (lower != null
          && upper != null
          && DashboardSums.monthOf(lower).equals(DashboardSums.monthOf(upper.minusMillis(1)))) {
        LocalDate month = DashboardSums.monthOf(lower);
        Duration taken = Duration.between(lower, upper);
        Duration whole = Duration.between(DashboardSums.start(month), DashboardSums.end(month));
        if (taken.compareTo(whole.minus(taken)) <= 0) {
          edges.add(new Edge(month, lower, upper, false));
          return new Split(month, month, edges);
        }
        addIfAny(edges, month, DashboardSums.start(month), lower, true);
        addIfAny(edges, month, upper, DashboardSums.end(month), true);
        return new Split(month, month.plusMonths(1), edges);
      }
      if (lower != null) {
        LocalDate month = DashboardSums.monthOf(lower);
        Instant start = DashboardSums.start(month);
        Instant end = DashboardSums.end(month);
        if (lower.equals(start)) {
          fromMonth = month;
        } else if (Duration.between(lower, end).compareTo(Duration.between(start, lower)) <= 0) {
          fromMonth = month.plusMonths(1);
          edges.add(new Edge(month, lower, end, false));
        } else {
          fromMonth = month;
          edges.add(new Edge(month, start, lower, true));
        }
      }
      if (upper != null) {
        LocalDate month = DashboardSums.monthOf(upper);
        Instant start = DashboardSums.start(month);
        Instant end = DashboardSums.end(month);
        if (upper.equals(start)) {
          toMonth = month;
        } else if (Duration.between(start, upper).compareTo(Duration.between(upper, end)) <= 0) {
          toMonth = month;
          edges.add(new Edge(month, start, upper, false));
        } else {
          toMonth = month.plusMonths(1);
          edges.add(new Edge(month, upper, end, true));
        }
      }
      return new Split(fromMonth, toMonth, List.copyOf(edges));
    }

    private static void addIfAny(
        List<Edge> edges, LocalDate month, Instant from, Instant to, boolean subtract) {
      if (from.isBefore(to)) {
        edges.add(new Edge(month, from, to, subtract));
      }
    }

    /** The condition on the sums' month_start (alias.month_start) for the months read whole. */
    String months(String alias, List<Object> parameters) {
      if (fromMonth != null && toMonth != null && !fromMonth.isBefore(toMonth)) {
        return "1 = 0";
      }
      List<String> terms = new ArrayList<>();
      if (fromMonth != null) {
        parameters.add(fromMonth);
        terms.add(alias + ".month_start >= ?" + parameters.size());
      }
      if (toMonth != null) {
        parameters.add(toMonth);
        terms.add(alias + ".month_start < ?" + parameters.size());
      }
      return terms.isEmpty() ? "1 = 1" : String.join(" AND ", terms);
    }
  }

  private static final String SCORE_COLUMNS =
      "SELECT s.drill_id, s.drill_title, s.scenario_id, s.team_name, s.finished_at, s.earned,"
          + " s.maximum, s.percentage, s.adjusted_percentage";

  private static ScoreRow scoreRow(Object[] r) {
    return new ScoreRow(
        number(r[0]).longValue(),
        (String) r[1],
        (String) r[2],
        (String) r[3],
        instant(r[4]),
        (BigDecimal) r[5],
        number(r[6]).intValue(),
        (BigDecimal) r[7],
        (BigDecimal) r[8]);
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> rows(String sql, List<Object> parameters) {
    return query(sql, parameters).getResultList();
  }

  private Query query(String sql, List<Object> parameters) {
    Query query = entities.createNativeQuery(sql);
    for (int i = 0; i < parameters.size(); i++) {
      query.setParameter(i + 1, parameters.get(i));
    }
    return query;
  }

  private static Number number(Object value) {
    return (Number) value;
  }

  static Instant instant(Object value) {
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

  private static LocalDate localDate(Object value) {
    if (value instanceof LocalDate day) {
      return day;
    }
    if (value instanceof java.sql.Date day) {
      return day.toLocalDate();
    }
    if (value instanceof Timestamp at) {
      return at.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
    }
    throw new IllegalStateException("not a date: " + value);
  }
}
