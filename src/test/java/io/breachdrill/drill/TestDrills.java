package io.breachdrill.drill;

import io.breachdrill.TestClock;
import io.breachdrill.account.SignedInUser;
import io.breachdrill.account.TeamSeat;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.User;
import io.breachdrill.drill.engine.Speed;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Drills (through the engine, so their logs are real), join links and participants for tests. */
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
    return titled(facilitatorId, scenarioId, "Test drill " + UUID.randomUUID(), teams);
  }

  /** A drill with the given title, as its facilitator would type it. */
  public static Fixture titled(
      long facilitatorId, String scenarioId, String title, String... teams) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              User facilitator = User.findById(facilitatorId);
              SignedInUser user =
                  new SignedInUser(
                      facilitator.id, facilitator.email, facilitator.displayName, Set.of());
              Drill drill = drills().create(user, scenarioId, title, List.of(teams), Speed.NORMAL);
              return new Fixture(drill.id, drill.teams().stream().map(t -> t.id).toList());
            });
  }

  /** A dry run and the one team its facilitator plays. */
  public record DryRun(long drillId, long teamId) {}

  /** A dry run of the scenario, started through the scenario page's form by the facilitator. */
  public static DryRun dryRun(TestAccounts.Account facilitator, String scenarioId) {
    String location =
        facilitator
            .form()
            .post("/scenarios/" + scenarioId + "/dry-run")
            .then()
            .statusCode(303)
            .extract()
            .header("Location");
    long teamId = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    long drillId =
        QuarkusTransaction.requiringNew().call(() -> Team.<Team>findById(teamId).drillId);
    return new DryRun(drillId, teamId);
  }

  static Drills drills() {
    return Arc.container().instance(Drills.class).get();
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
              link.createdAt = TestClock.now();
              link.expiresAt = validity == null ? null : TestClock.now().plus(validity);
              link.persist();
              return link;
            });
  }

  /** A participant who joined the team through a fresh link, with a signed-in session. */
  public static Member member(Fixture drill, long teamId, long facilitatorId, String name) {
    return member(drill, teamId, facilitatorId, name, "soc-analyst");
  }

  /** A participant with the given team role. */
  public static Member member(
      Fixture drill, long teamId, long facilitatorId, String name, String role) {
    JoinLink link = link(teamId, facilitatorId, null);
    long participantId =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Participant participant = new Participant();
                  participant.teamId = teamId;
                  participant.joinLinkId = link.id;
                  participant.displayName = name;
                  participant.teamRole = role;
                  participant.joinedAt = TestClock.now();
                  participant.persist();
                  drills()
                      .joined(
                          drill.drillId(),
                          teamId,
                          new io.breachdrill.drill.engine.Member(participant.id, name, role));
                  return participant.id;
                });
    String session = TestAccounts.seat(new TeamSeat(participantId, drill.drillId(), teamId, name));
    return new Member(participantId, teamId, session);
  }

  /** Waits until the scenario inject has reached every team of the drill (at most 20 s). */
  public static void awaitDelivered(Fixture drill, String injectId) {
    Instant until = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(until)) {
      boolean delivered =
          QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      drills().snapshot(drill.drillId()).state().teamList().stream()
                          .allMatch(t -> t.received(injectId)));
      if (delivered) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError(injectId + " never reached every team of drill " + drill.drillId());
  }
}
