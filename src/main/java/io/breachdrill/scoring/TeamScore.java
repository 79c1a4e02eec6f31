package io.breachdrill.scoring;

import java.math.BigDecimal;
import java.util.List;

/**
 * One team's score: {@code earned} points (three decimals, negative when harms outweigh the rest)
 * of the scenario's {@code maximum}, and {@code percentage} (one decimal), with the parts.
 * Facilitators' adjustments and evaluators' ratings are kept beside it: {@code adjustedEarned} is
 * the automatic score plus the adjustments, never a replacement for it.
 */
public record TeamScore(
    long teamId,
    String name,
    BigDecimal earned,
    int maximum,
    BigDecimal percentage,
    List<StepResult> steps,
    List<Breakdown> phases,
    List<Breakdown> controls,
    List<DecisionTiming> decisions,
    List<Choice> path,
    List<Adjustment> adjustments,
    BigDecimal adjustedEarned,
    BigDecimal adjustedPercentage,
    List<PhaseRating> ratings,
    List<Observation> observations) {}
