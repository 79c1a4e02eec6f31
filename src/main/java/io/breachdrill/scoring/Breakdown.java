package io.breachdrill.scoring;

import java.math.BigDecimal;

/** Earned and maximum points for one phase or control area, and the share earned in percent. */
public record Breakdown(String key, BigDecimal earned, int maximum, BigDecimal percentage) {}
