import io.breachdrill.scenario.PlaybookStep;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioFile;
import io.breachdrill.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints the SQL that seeds a bench database with finished drills and their stored scorecards, the
 * rows the managers' dashboard reads, for {@code bench/dashboard.sh}. Run it on the classpath of
 * the application (it reads the playbooks of the scenario library) and pipe it into psql on a
 * database the packaged app has migrated and loaded its library into:
 *
 * <pre>
 * java -cp target/classes:RUNTIME bench/dashboard/DashboardSeed.java DRILLS SCENARIO_DIR ADMIN_EMAIL
 * </pre>
 *
 * <p>What it makes, deterministically (setseed): DRILLS drills of the library's scenarios
 * (unevenly: the first scenario most), finished at times spread over the last 12 months, each with
 * 2 to 4 teams drawn from 20 team names; every team's playbook steps on time, late, missed or
 * harmed with odds that depend on the team and improve over the year, its credits, control-area
 * breakdowns and totals summed from them exactly as the scorer would, an adjustment for one team in
 * ten; the techniques of each drill's scenario. The admin also becomes a manager.
 */
public final class DashboardSeed {

  static final List<String> TEAMS =
      List.of(
          "SOC Tier 1",
          "SOC Tier 2",
          "Cloud Security",
          "ML Platform",
          "Research Ops",
          "Legal and Comms",
          "Exec Staff",
          "Identity",
          "Data Platform",
          "Red Team",
          "EU Region",
          "US Region",
          "APAC Region",
          "Model Release",
          "Infra On-call",
          "Trust and Safety",
          "Privacy Office",
          "IT Helpdesk",
          "Vendor Management",
          "Board Liaison");

  public static void main(String[] args) {
    int drills = Integer.parseInt(args[0]);
    Path library = Path.of(args[1]);
    String adminEmail = args[2];
    List<Scenario> scenarios;
    try {
      scenarios =
          ScenarioLoader.readAll(ScenarioLoader.scenarioFiles(library)).stream()
              .filter(ScenarioFile::valid)
              .map(ScenarioFile::scenario)
              .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    StringBuilder sql = new StringBuilder();
    sql.append("\\set ON_ERROR_STOP on\nBEGIN;\nSELECT setseed(0.42);\n");
    sql.append(
        "CREATE TEMP TABLE seed_scenario (no INT, scenario_id VARCHAR, title VARCHAR, odds INT,"
            + " maximum INT);\n");
    sql.append(
        "CREATE TEMP TABLE seed_step (scenario_id VARCHAR, step_id VARCHAR, title VARCHAR,"
            + " control VARCHAR, weight INT);\n");
    sql.append("CREATE TEMP TABLE seed_technique (scenario_id VARCHAR, technique VARCHAR);\n");
    sql.append("CREATE TEMP TABLE seed_team (no INT, name VARCHAR, skill NUMERIC);\n");
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      // uneven use: the first scenario is run most, the last least
      sql.append(
          String.format(
              "INSERT INTO seed_scenario VALUES (%d, %s, %s, %d, %d);%n",
              i, text(s.id()), text(s.title()), scenarios.size() - i + 1, s.maximumScore()));
      for (PlaybookStep step : s.playbook()) {
        sql.append(
            String.format(
                "INSERT INTO seed_step VALUES (%s, %s, %s, %s, %d);%n",
                text(s.id()),
                text(step.id()),
                text(step.title()),
                text(step.control()),
                step.weight()));
      }
      for (String technique : s.techniques()) {
        sql.append(
            String.format(
                "INSERT INTO seed_technique VALUES (%s, %s);%n", text(s.id()), text(technique)));
      }
    }
    for (int i = 0; i < TEAMS.size(); i++) {
      sql.append(
          String.format(
              Locale.ROOT,
              "INSERT INTO seed_team VALUES (%d, %s, %.2f);%n",
              i,
              text(TEAMS.get(i)),
              0.25 + 0.5 * ((i * 7) % TEAMS.size()) / TEAMS.size()));
    }
    sql.append(
        String.format("%n\\set drills %d%n\\set admin_email %s%n", drills, text(adminEmail)));
    sql.append(FIXED);
    System.out.print(sql);
  }

  private static String text(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * Everything after the lookup tables: plain SQL with generate_series, so 10,000 drills take
   * seconds. Ids start far above what the app's sequences hand out.
   */
  private static final String FIXED =
      """
      INSERT INTO app_user (id, email, display_name, password_hash, enabled, created_at)
      VALUES (900000001, 'bench.facilitator@example.com', 'Bench Facilitator', NULL, TRUE, now());
      INSERT INTO user_role (user_id, role) VALUES (900000001, 'FACILITATOR');
      INSERT INTO user_role (user_id, role)
        SELECT id, 'MANAGER' FROM app_user WHERE email = :'admin_email'
        AND NOT EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = app_user.id AND r.role = 'MANAGER');

      CREATE TEMP TABLE seed_drill AS
        SELECT n, 1000000 + n AS drill_id,
               now() - (random() * 365 * 86400) * interval '1 second' AS finished_at,
               2 + floor(random() * 3)::int AS teams,
               random() AS pick
        FROM generate_series(1, :drills) AS n;
      ALTER TABLE seed_drill ADD COLUMN scenario_id VARCHAR;
      UPDATE seed_drill d SET scenario_id = (
        SELECT s.scenario_id FROM seed_scenario s
        WHERE d.pick * (SELECT sum(odds) FROM seed_scenario)
              < (SELECT sum(o.odds) FROM seed_scenario o WHERE o.no <= s.no)
        ORDER BY s.no LIMIT 1);

      INSERT INTO drill (id, title, scenario_id, facilitator_id, created_at, scenario_version_id,
                         status, next_due_at)
        SELECT d.drill_id,
               'Rehearsal ' || d.n || ': ' || s.title,
               d.scenario_id, 900000001, d.finished_at - interval '3 hours',
               (SELECT max(v.id) FROM scenario_version v WHERE v.scenario_id = d.scenario_id),
               'finished', NULL
        FROM seed_drill d JOIN seed_scenario s ON s.scenario_id = d.scenario_id;

      CREATE TEMP TABLE seed_team_score AS
        SELECT d.drill_id, 20000000 + d.n * 10 + k AS team_id, t.name AS team_name, t.skill,
               d.scenario_id, d.finished_at,
               (extract(epoch FROM (now() - d.finished_at)) / (365 * 86400))::numeric AS age,
               random() < 0.1 AS adjusted
        FROM seed_drill d
        CROSS JOIN generate_series(0, 3) AS k
        JOIN seed_team t ON t.no = (d.n * 7 + k * 3) % 20
        WHERE k < d.teams;

      INSERT INTO team (id, drill_id, name)
        SELECT team_id, drill_id, team_name FROM seed_team_score;

      -- each step's fate: better teams and later drills do more on time
      CREATE TEMP TABLE seed_step_result AS
        SELECT x.team_id, x.step_id, x.title, x.control, x.weight,
               CASE WHEN x.r < 0.05 THEN 'HARMED'
                    WHEN x.r < 0.05 + (x.skill + 0.25 * (1 - x.age)) * 0.8 THEN 'ON_TIME'
                    WHEN x.r < 0.20 + (x.skill + 0.25 * (1 - x.age)) * 0.8 THEN 'LATE'
                    ELSE 'MISSED' END AS status,
               x.late_share
        FROM (SELECT ts.team_id, ts.skill, ts.age, st.step_id, st.title, st.control, st.weight,
                     random() AS r, (0.5 + random() / 2)::numeric AS late_share
              FROM seed_team_score ts JOIN seed_step st ON st.scenario_id = ts.scenario_id) x;
      ALTER TABLE seed_step_result ADD COLUMN credit NUMERIC(12, 3);
      UPDATE seed_step_result SET credit = CASE status
        WHEN 'ON_TIME' THEN weight WHEN 'HARMED' THEN -weight WHEN 'MISSED' THEN 0
        ELSE round(weight * late_share, 3) END;

      INSERT INTO stored_score (team_id, drill_id, drill_title, team_name, scenario_id, finished_at,
                                last_seq, earned, maximum, percentage, adjusted_earned,
                                adjusted_percentage)
        SELECT ts.team_id, ts.drill_id, dr.title, ts.team_name, ts.scenario_id, ts.finished_at,
               300 + (ts.team_id % 97), e.earned, s.maximum,
               round(e.earned * 100 / s.maximum, 1),
               e.earned + CASE WHEN ts.adjusted THEN 5 ELSE 0 END,
               round((e.earned + CASE WHEN ts.adjusted THEN 5 ELSE 0 END) * 100 / s.maximum, 1)
        FROM seed_team_score ts
        JOIN drill dr ON dr.id = ts.drill_id
        JOIN seed_scenario s ON s.scenario_id = ts.scenario_id
        JOIN (SELECT team_id, sum(credit) AS earned FROM seed_step_result GROUP BY team_id) e
          ON e.team_id = ts.team_id;

      INSERT INTO stored_score_step (team_id, step_id, title, control, status, credit)
        SELECT team_id, step_id, title, control, status, credit FROM seed_step_result;

      INSERT INTO stored_score_control (team_id, control, earned, maximum, percentage)
        SELECT team_id, control, sum(credit), sum(weight), round(sum(credit) * 100 / sum(weight), 1)
        FROM seed_step_result GROUP BY team_id, control;

      INSERT INTO stored_drill_technique (drill_id, technique)
        SELECT d.drill_id, t.technique
        FROM seed_drill d JOIN seed_technique t ON t.scenario_id = d.scenario_id;
      COMMIT;
      ANALYZE;
      SELECT (SELECT count(*) FROM drill WHERE status = 'finished') AS finished_drills,
             (SELECT count(*) FROM stored_score) AS team_scores,
             (SELECT count(*) FROM stored_score_step) AS step_rows,
             (SELECT count(*) FROM stored_score_control) AS control_rows,
             (SELECT count(DISTINCT team_name) FROM stored_score) AS team_names,
             (SELECT min(finished_at)::date || ' to ' || max(finished_at)::date FROM stored_score)
               AS finished;
      """;
}
