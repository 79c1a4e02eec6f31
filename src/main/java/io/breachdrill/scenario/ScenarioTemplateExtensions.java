package io.breachdrill.scenario;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.util.Map;

@TemplateExtension
public class ScenarioTemplateExtensions {

  /** Names of the control areas the seed threat reporting and our library use. */
  static final Map<String, String> CONTROL_NAMES =
      Map.ofEntries(
          Map.entry("identity-mfa", "Multifactor login everywhere"),
          Map.entry("network-segmentation", "Segmented research networks"),
          Map.entry("access-logging", "Logged access to model repositories"),
          Map.entry("backup-recovery", "Offline backups of training data"),
          Map.entry("access-inventory", "Inventory of who can reach model code"),
          Map.entry("response-plan", "Rehearsed response plans"),
          Map.entry("secrets-management", "Secrets and key management"),
          Map.entry("least-privilege", "Least-privilege access"),
          Map.entry("third-party-access", "Partner and contractor access"),
          Map.entry("data-integrity", "Training data and model integrity"),
          Map.entry("model-signing", "Signed model releases"),
          Map.entry("asset-inventory", "Inventory of models and deployments"),
          Map.entry("crisis-communications", "Crisis communications"),
          Map.entry("regulatory-notice", "Regulatory and contractual notice"),
          Map.entry("external-coordination", "Coordination with providers and authorities"));

  static String text(Duration duration) {
    return Durations.format(duration);
  }

  @TemplateExtension(namespace = "control")
  static String name(String control) {
    return CONTROL_NAMES.getOrDefault(control, control);
  }

  /** MITRE's page for an ATT&CK or ATLAS technique id. */
  @TemplateExtension(namespace = "mitre")
  static String url(String technique) {
    if (technique.startsWith("AML.")) {
      return "https://atlas.mitre.org/techniques/" + technique;
    }
    return "https://attack.mitre.org/techniques/" + technique.replace('.', '/') + "/";
  }
}
