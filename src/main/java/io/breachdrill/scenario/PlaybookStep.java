package io.breachdrill.scenario;

import java.time.Duration;

/**
 * What a good response does: scoring measures a team against it. The clock starts when the {@code
 * from} inject reaches the team, or at drill start when there is none.
 */
public record PlaybookStep(
    String id, String title, Phase phase, String control, int weight, String from, Duration due) {}
