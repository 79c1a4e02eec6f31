package io.breachdrill.drill;

import io.breachdrill.drill.engine.DrillStatus;

/**
 * Fired inside the transaction that appended to a drill's log, so features above the drill (the
 * stored scorecards) can keep what they derive from it in step, in the same transaction, without
 * the drill package knowing them.
 */
public record DrillChanged(long drillId, long lastSeq, DrillStatus status) {}
