package io.breachdrill.drill.engine;

import java.math.BigDecimal;

/**
 * What people added to a team's automatic score, kept beside it and never folded into it: an
 * evaluator's rating of a phase, an observation, or a facilitator's adjustment of a step's credit.
 */
public record Assessment(
    long seq,
    EventType type,
    String by,
    long drillMs,
    String phase,
    Rating rating,
    String stepId,
    BigDecimal credit,
    Long aboutSeq,
    String text) {}
