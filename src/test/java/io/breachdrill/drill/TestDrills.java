package io.breachdrill.drill;

import io.breachdrill.account.TeamSeat;
import io.breachdrill.account.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Placeholder drills, teams, links and participants for tests, made straight in the database. */
public final class TestDrills {

  private TestDrills() {}

  /** A drill, its teams in order, and the facilitator running it. */
  public record Fixture(long drillId, List<Long> teamIds) {
    public long team(int index) {
      return teamIds.get(index);
    }
  }

  /** A participant and their signed-in session. */
  public record Member(long participantId, long teamId, String session) {}

  public static Fixture drill(long facilitatorId, String scenarioId, String... teams) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Drill drill = new Drill();
              drill.title = "Test drill " + UUID.randomUUID();
              drill.scenarioId = scenarioId;
              drill.facilitatorId = facilitatorId;
              drill.createdAt = Instant.now();
              drill.persist();
              List<Long> ids =
                  java.util.Arrays.stream(teams)
                      .map(
                          name -> {
                            Team team = new Team();
                            team.drillId = drill.id;
                            team.name = name;
                            team.persist();
                            return team.id;
                          })
                      .toList();
              return new Fixture(drill.id, ids);
            });
  }

  /** A join link for a team; a negative validity makes one that has already expired. */
  public static JoinLink link(long teamId, long createdBy, Duration validity) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              JoinLink link = new JoinLink();
              link.teamId = teamId;
              link.token = io.breachdrill.account.Tokens.random();
              link.createdBy = createdBy;
              link.createdAt = Instant.now();
              link.expiresAt = validity == null ? null : Instant.now().plus(validity);
              link.persist();
              return link;
            });
  }

  /** A participant who joined the team through a fresh link, with a signed-in session. */
  public static Member member(Fixture drill, long teamId, long facilitatorId, String name) {
    JoinLink link = link(teamId, facilitatorId, null);
    long participantId =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Participant participant = new Participant();
                  participant.teamId = teamId;
                  participant.joinLinkId = link.id;
                  participant.displayName = name;
                  participant.teamRole = "soc-analyst";
                  participant.joinedAt = Instant.now();
                  participant.persist();
                  return participant.id;
                });
    String session = TestAccounts.seat(new TeamSeat(participantId, drill.drillId(), teamId, name));
    return new Member(participantId, teamId, session);
  }
}
