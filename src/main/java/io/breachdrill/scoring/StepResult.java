package io.breachdrill.scoring;

import io.breachdrill.scenario.Phase;
import java.math.BigDecimal;

/**
 * One team's result on one playbook step. Times are drill time in milliseconds: {@code startMs}
 * when the step's clock started, {@code deadlineMs} start plus due; {@code performedMs} and the
 * decision and option that performed it are null when nothing did, {@code harmedBy*} likewise.
 * {@code credit} is in points with three decimals.
 */
public record StepResult(
    String stepId,
    String title,
    Phase phase,
    String control,
    int weight,
    StepStatus status,
    long startMs,
    long deadlineMs,
    Long performedMs,
    String performedByDecision,
    String performedByOption,
    String harmedByDecision,
    String harmedByOption,
    BigDecimal credit) {}
