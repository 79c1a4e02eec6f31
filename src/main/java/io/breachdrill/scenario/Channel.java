package io.breachdrill.scenario;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How an inject reaches the team; technical channels must name ATT&CK or ATLAS techniques. */
public enum Channel {
  EMAIL("email", "Email", false),
  CHAT("chat", "Chat", false),
  PHONE("phone", "Phone call", false),
  NEWS("news", "News", false),
  SOCIAL("social", "Social media", false),
  TICKET("ticket", "Ticket", false),
  SIEM_ALERT("siem-alert", "SIEM alert", true),
  LOG("log", "Log extract", true),
  BRIEFING("briefing", "Facilitator briefing", false);

  private final String key;
  private final String label;
  private final boolean technical;

  Channel(String key, String label, boolean technical) {
    this.key = key;
    this.label = label;
    this.technical = technical;
  }

  @JsonValue
  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  public boolean technical() {
    return technical;
  }

  public static Optional<Channel> fromKey(String key) {
    return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(Channel::key).toList();
  }
}
