package io.breachdrill.drill;

import io.quarkus.qute.TemplateExtension;
import java.util.Map;

@TemplateExtension
class DrillTemplateExtensions {

  private static final Map<String, String> ICONS =
      Map.of(
          "email", "✉",
          "chat", "💬",
          "phone", "☎",
          "news", "📰",
          "social", "#",
          "ticket", "🎫",
          "siem-alert", "🚨",
          "log", "📜",
          "briefing", "📋");

  /** A symbol for a channel key, shown beside its name (never instead of it). */
  static String channelIcon(String channelKey) {
    return ICONS.getOrDefault(channelKey, "•");
  }
}
