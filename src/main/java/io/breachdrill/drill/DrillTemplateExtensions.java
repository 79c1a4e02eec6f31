package io.breachdrill.drill;

import io.breachdrill.drill.engine.DrillTimes;
import io.quarkus.qute.TemplateExtension;

@TemplateExtension
class DrillTemplateExtensions {

  /** Drill time in milliseconds as the clock shows it: H:MM:SS. */
  static String drillTime(long millis) {
    return DrillTimes.format(millis);
  }
}
