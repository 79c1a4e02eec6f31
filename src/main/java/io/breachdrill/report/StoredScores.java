package io.breachdrill.report;

import io.breachdrill.drill.Drill;
import io.breachdrill.drill.DrillChanged;
import io.breachdrill.drill.Drills;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillStatus;
import io.breachdrill.drill.engine.EventType;
import io.breachdrill.scoring.Breakdown;
import io.breachdrill.scoring.Scorecard;
import io.breachdrill.scoring.Scorer;
import io.breachdrill.scoring.StepResult;
import io.breachdrill.scoring.TeamScore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps each finished drill's scorecard (dry runs aside) in {@code stored_score} and its child
 * tables, so the dashboard reads rows instead of replaying logs. Rows are rewritten from the log in
 * the transaction of every append to a finished drill (finishing it, a later adjustment), and
 * filled in at start for finished drills that have none.
 */
@ApplicationScoped
public class StoredScores {

  private static final Logger LOG = Logger.getLogger(StoredScores.class);

  private final Drills drills;
  private final EntityManager entities;
  private final DashboardSums sums;
  private final InstantSource clock;

  StoredScores(Drills drills, EntityManager entities, DashboardSums sums, InstantSource clock) {
    this.drills = drills;
    this.entities = entities;
    this.sums = sums;
    this.clock = clock;
  }

  /** Synchronous, so the rows are written in the appending transaction or not at all. */
  void onChange(@Observes DrillChanged change) {
    if (change.status() == DrillStatus.FINISHED) {
      store(change.drillId());
    }
  }

  /** Off the start-up path: the dashboard shows what is stored meanwhile. */
  void onStart(@Observes StartupEvent event) {
    Thread filler =
        new Thread(
            () -> {
              try {
                int filled = backfill();
                if (filled > 0) {
                  LOG.infof("Stored the scores of %d finished drills that had none", filled);
                }
                int months =
                    QuarkusTransaction.requiringNew()
                        .call(() -> sums.rebuildAllIfNeeded(clock.instant()));
                if (months >= 0) {
                  LOG.infof("Built the dashboard's monthly sums of %d months", months);
                }
              } catch (RuntimeException e) {
                LOG.error(
                    "Storing the scores of finished drills failed; the next start tries again", e);
              }
            },
            "stored-scores-backfill");
    filler.setDaemon(true);
    filler.start();
  }

  /**
   * Stores the scores of finished drills that have none, each in its own transaction under the
   * drill's row lock, so nodes starting together, or a drill being adjusted meanwhile, never write
   * a drill twice. Returns how many drills it stored.
   */
  public int backfill() {
    List<Long> missing =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    entities
                        .createNativeQuery(
                            "SELECT d.id FROM drill d WHERE d.status = 'finished'"
                                + " AND d.dry_run = FALSE AND NOT EXISTS"
                                + " (SELECT 1 FROM stored_score s WHERE s.drill_id = d.id)"
                                + " AND EXISTS (SELECT 1 FROM team t WHERE t.drill_id = d.id)"
                                + " ORDER BY d.id",
                            Long.class)
                        .getResultList());
    int filled = 0;
    for (Long drillId : missing) {
      boolean stored =
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    Drill.findById(drillId, LockModeType.PESSIMISTIC_WRITE);
                    if (stored(drillId)) {
                      return false;
                    }
                    store(drillId);
                    return true;
                  });
      if (stored) {
        filled++;
      }
    }
    return filled;
  }

  private boolean stored(long drillId) {
    return !entities
        .createNativeQuery("SELECT 1 FROM stored_score WHERE drill_id = ?1")
        .setParameter(1, drillId)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /**
   * Replaces the drill's stored rows with its score folded from the log now. A dry run never gets
   * any: everything managers read comes from these rows.
   */
  void store(long drillId) {
    Drills.Snapshot snapshot = drills.snapshot(drillId);
    if (snapshot.state().status() != DrillStatus.FINISHED || snapshot.drill().dryRun) {
      return;
    }
    List<DrillEvent> events = snapshot.events();
    Instant finishedAt =
        events.stream()
            .filter(e -> e.type() == EventType.FINISHED)
            .map(DrillEvent::at)
            .reduce((first, second) -> second)
            .orElseThrow();
    long lastSeq = events.get(events.size() - 1).seq();
    Scorecard card = Scorer.score(snapshot.scenario(), snapshot.state());
    Set<DashboardSums.TeamMonth> changed = deleteRows(drillId);
    for (TeamScore team : card.teams()) {
      changed.add(
          new DashboardSums.TeamMonth(
              card.scenarioId(), team.name(), DashboardSums.monthOf(finishedAt)));
      entities
          .createNativeQuery(
              "INSERT INTO stored_score (team_id, drill_id, drill_title, team_name, scenario_id,"
                  + " finished_at, last_seq, earned, maximum, percentage, adjusted_earned,"
                  + " adjusted_percentage)"
                  + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
          .setParameter(1, team.teamId())
          .setParameter(2, drillId)
          .setParameter(3, snapshot.drill().title)
          .setParameter(4, team.name())
          .setParameter(5, card.scenarioId())
          .setParameter(6, finishedAt)
          .setParameter(7, lastSeq)
          .setParameter(8, team.earned())
          .setParameter(9, team.maximum())
          .setParameter(10, team.percentage())
          .setParameter(11, team.adjustedEarned())
          .setParameter(12, team.adjustedPercentage())
          .executeUpdate();
      for (Breakdown control : team.controls()) {
        entities
            .createNativeQuery(
                "INSERT INTO stored_score_control (team_id, control, earned, maximum, percentage)"
                    + " VALUES (?1, ?2, ?3, ?4, ?5)")
            .setParameter(1, team.teamId())
            .setParameter(2, control.key())
            .setParameter(3, control.earned())
            .setParameter(4, control.maximum())
            .setParameter(5, control.percentage())
            .executeUpdate();
      }
      for (StepResult step : team.steps()) {
        entities
            .createNativeQuery(
                "INSERT INTO stored_score_step (team_id, step_id, title, control, status, credit)"
                    + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .setParameter(1, team.teamId())
            .setParameter(2, step.stepId())
            .setParameter(3, step.title())
            .setParameter(4, step.control())
            .setParameter(5, step.status().name())
            .setParameter(6, step.credit())
            .executeUpdate();
      }
    }
    for (String technique : snapshot.scenario().techniques()) {
      entities
          .createNativeQuery(
              "INSERT INTO stored_drill_technique (drill_id, technique) VALUES (?1, ?2)")
          .setParameter(1, drillId)
          .setParameter(2, technique)
          .executeUpdate();
    }
    sums.rebuild(changed);
  }

  /** Removes a drill's stored rows; the next change or start stores them again. */
  void delete(long drillId) {
    sums.rebuild(deleteRows(drillId));
  }

  /** Removes a drill's stored rows and says which team months they counted in. */
  @SuppressWarnings("unchecked")
  private Set<DashboardSums.TeamMonth> deleteRows(long drillId) {
    Set<DashboardSums.TeamMonth> counted = new HashSet<>();
    for (Object[] row :
        (List<Object[]>)
            entities
                .createNativeQuery(
                    "SELECT scenario_id, team_name, finished_at FROM stored_score"
                        + " WHERE drill_id = ?1")
                .setParameter(1, drillId)
                .getResultList()) {
      counted.add(
          new DashboardSums.TeamMonth(
              (String) row[0], (String) row[1], DashboardSums.monthOf(Dashboard.instant(row[2]))));
    }
    for (String child : List.of("stored_score_control", "stored_score_step")) {
      entities
          .createNativeQuery(
              "DELETE FROM "
                  + child
                  + " WHERE team_id IN (SELECT team_id FROM stored_score WHERE drill_id = ?1)")
          .setParameter(1, drillId)
          .executeUpdate();
    }
    for (String table : List.of("stored_score", "stored_drill_technique")) {
      entities
          .createNativeQuery("DELETE FROM " + table + " WHERE drill_id = ?1")
          .setParameter(1, drillId)
          .executeUpdate();
    }
    return counted;
  }
}
