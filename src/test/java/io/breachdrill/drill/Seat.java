package io.breachdrill.drill;

/** One team's seat in a fault test: its participant's browser and team page stream. */
record Seat(long drillId, long teamId, Browser participant, SseClient stream) {}
