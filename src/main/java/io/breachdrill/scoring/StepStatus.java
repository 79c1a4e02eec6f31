package io.breachdrill.scoring;

/** How a team did on one playbook step. */
public enum StepStatus {
  ON_TIME("On time"),
  LATE("Late"),
  MISSED("Missed"),
  HARMED("Harmed");

  private final String label;

  StepStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
