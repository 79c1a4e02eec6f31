package io.breachdrill.scenario;

import java.time.Duration;
import java.util.List;

/** A question the team must answer; {@code timeLimit} is null when it never times out. */
public record Decision(
    String id, String prompt, Duration timeLimit, List<DecisionOption> options) {}
