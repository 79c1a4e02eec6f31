package io.breachdrill.scoring;

import java.math.BigDecimal;

/**
 * A facilitator's change to a step's credit, with its reason; never part of the automatic score.
 */
public record Adjustment(
    String stepId, BigDecimal credit, String reason, String by, long drillMs) {}
