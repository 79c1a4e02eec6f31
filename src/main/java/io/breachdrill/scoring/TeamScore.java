package io.breachdrill.scoring;

import java.math.BigDecimal;
import java.util.List;

/**
 * One team's score: {@code earned} points (three decimals, negative when harms outweigh the rest)
 * of the scenario's {@code maximum}, and {@code percentage} (one decimal), with the parts.
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
    List<Choice> path) {}
