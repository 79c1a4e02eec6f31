package io.breachdrill.scenario;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * Incident response phases of NIST SP 800-61r3, each with the NIST CSF 2.0 function (and
 * categories) that the revision maps it to.
 */
public enum Phase {
  PREPARE("prepare", "Govern", "GV, ID, PR"),
  DETECT("detect", "Detect", "DE.CM, DE.AE"),
  ANALYZE("analyze", "Respond", "RS.MA, RS.AN"),
  CONTAIN("contain", "Respond", "RS.MI"),
  ERADICATE("eradicate", "Respond", "RS.MI"),
  RECOVER("recover", "Recover", "RC.RP"),
  COMMUNICATE("communicate", "Respond", "RS.CO, RC.CO"),
  LEARN("learn", "Identify", "ID.IM");

  private final String key;
  private final String csfFunction;
  private final String csfCategories;

  Phase(String key, String csfFunction, String csfCategories) {
    this.key = key;
    this.csfFunction = csfFunction;
    this.csfCategories = csfCategories;
  }

  @JsonValue
  public String key() {
    return key;
  }

  public String csfFunction() {
    return csfFunction;
  }

  public String csfCategories() {
    return csfCategories;
  }

  public static Optional<Phase> fromKey(String key) {
    return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
  }

  public static java.util.List<String> keys() {
    return Arrays.stream(values()).map(Phase::key).toList();
  }
}
