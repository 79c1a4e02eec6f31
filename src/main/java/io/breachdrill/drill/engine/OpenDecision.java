package io.breachdrill.drill.engine;

import io.breachdrill.scenario.Decision;
import io.breachdrill.scenario.Inject;

/** A decision a team can still make; {@code deadlineMs} is null when it never times out. */
public record OpenDecision(
    long teamId, Inject inject, Decision decision, long openedMs, Long deadlineMs) {}
