package io.breachdrill.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.EventData;
import io.breachdrill.drill.engine.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads and appends drill events; the caller holds the drill's row lock when appending. */
@ApplicationScoped
public class DrillLog {

  private final ObjectMapper json;
  private final LiveEvents live;

  DrillLog(ObjectMapper json, LiveEvents live) {
    this.json = json;
    this.live = live;
  }

  public List<DrillEvent> events(long drillId) {
    return after(drillId, 0);
  }

  public List<DrillEvent> after(long drillId, long seq) {
    return LoggedEvent.after(drillId, seq).stream().map(this::toEvent).toList();
  }

  /** Stores the events and announces the last one to every node once the transaction commits. */
  void append(long drillId, List<DrillEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    for (DrillEvent event : events) {
      LoggedEvent row = new LoggedEvent();
      row.drillId = drillId;
      row.seq = event.seq();
      row.type = event.type().name();
      row.teamId = event.teamId();
      row.onceKey = event.onceKey();
      row.occurredAt = event.at();
      row.drillMs = event.drillMs();
      row.actor = event.actor();
      row.data = write(event.data());
      row.persist();
    }
    LoggedEvent.flush();
    live.announce(drillId, events.get(events.size() - 1).seq());
  }

  private DrillEvent toEvent(LoggedEvent row) {
    try {
      return new DrillEvent(
          row.seq,
          EventType.valueOf(row.type),
          row.teamId,
          row.occurredAt,
          row.drillMs,
          row.actor,
          json.readValue(row.data, EventData.class));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("drill event " + row.id + " cannot be read", e);
    }
  }

  private String write(EventData data) {
    try {
      return json.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
