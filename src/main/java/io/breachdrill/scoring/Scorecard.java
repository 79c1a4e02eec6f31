package io.breachdrill.scoring;

import java.util.List;
import java.util.Optional;

/** The score of every team of one drill, teams in the order they were added. */
public record Scorecard(
    String scenarioId, int maximum, int lateFloorPercent, List<TeamScore> teams) {

  public Optional<TeamScore> team(long teamId) {
    return teams.stream().filter(t -> t.teamId() == teamId).findFirst();
  }
}
