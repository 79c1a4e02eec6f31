package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.breachdrill.drill.DrillDatabase.Row;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A participant's answer to a decision and the node's response (-1: none, the node died). */
record Answer(Seat seat, String decision, String option, int status) {

  /** Posts the answer from the team page's form to the given node. */
  static Answer give(Seat seat, AppNode node, String decision, String option) throws Exception {
    try {
      return new Answer(
          seat,
          decision,
          option,
          FacilitatorClient.decide(seat.participant(), node, seat.teamId(), decision, option)
              .statusCode());
    } catch (IOException cutOff) {
      return new Answer(seat, decision, option, -1);
    }
  }

  boolean acknowledged() {
    return status == 303;
  }

  /** The answer is in the drill's log once, as given, and in the drill's state from the API. */
  void assertKept(List<Row> log, JsonNode state) {
    List<Row> outcomes =
        log.stream()
            .filter(
                r ->
                    r.type().equals("DECISION_MADE")
                        && r.forTeam(seat.teamId())
                        && r.data().path("decisionId").asText().equals(decision))
            .toList();
    assertThat(outcomes)
        .as("team %d's acknowledged answer to %s", seat.teamId(), decision)
        .hasSize(1)
        .allSatisfy(r -> assertThat(r.data().path("optionId").asText()).isEqualTo(option));
    List<String> decided = new ArrayList<>();
    for (JsonNode team : state.get("teams")) {
      if (team.get("id").asLong() == seat.teamId()) {
        team.get("decisions")
            .forEach(
                d -> decided.add(d.get("decisionId").asText() + "=" + d.get("optionId").asText()));
      }
    }
    assertThat(decided)
        .as("team %d's decisions in the drill's API", seat.teamId())
        .contains(decision + "=" + option);
  }
}
