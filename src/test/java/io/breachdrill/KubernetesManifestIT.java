package io.breachdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Kubernetes manifests the build generates, as an operator applies them: several replicas
 * behind a Service, probed on the management port, configured from a Secret that the shipped sample
 * provides in full.
 */
class KubernetesManifestIT {

  static final int HTTP_PORT = 8080;
  static final int MANAGEMENT_PORT = 9000;

  static List<Map<String, Object>> resources;

  @BeforeAll
  static void read() throws IOException {
    resources =
        loadAll(
            Path.of(System.getProperty("kubernetes.manifest", "target/kubernetes/kubernetes.yml")));
  }

  @Test
  void deploymentRunsSeveralNodesOfTheImage() {
    Map<String, Object> deployment = only("Deployment");
    assertThat((Integer) map(deployment, "spec").get("replicas")).isGreaterThanOrEqualTo(2);
    Map<String, Object> container = container();
    assertThat((String) container.get("image")).startsWith("breachdrill:");
    assertThat(list(container, "ports"))
        .extracting(port -> port.get("containerPort"))
        .contains(HTTP_PORT, MANAGEMENT_PORT);
  }

  @Test
  void probesAskTheManagementPort() {
    Map<String, Object> container = container();
    Map<String, Object> ready = map(map(container, "readinessProbe"), "httpGet");
    Map<String, Object> live = map(map(container, "livenessProbe"), "httpGet");
    assertThat(ready)
        .containsEntry("path", "/q/health/ready")
        .containsEntry("port", MANAGEMENT_PORT);
    assertThat(live).containsEntry("path", "/q/health/live").containsEntry("port", MANAGEMENT_PORT);
  }

  @Test
  void memoryIsRequestedAndLimited() {
    Map<String, Object> resources = map(container(), "resources");
    assertThat(map(resources, "requests")).containsKey("memory");
    assertThat(map(resources, "limits")).containsKey("memory");
  }

  @Test
  void databaseAndFirstAdminComeFromTheSecret() {
    Map<String, Map<String, Object>> env = new HashMap<>();
    for (Map<String, Object> variable : list(container(), "env")) {
      env.put((String) variable.get("name"), variable);
    }
    for (String name :
        List.of(
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD",
            "BREACHDRILL_ADMIN_EMAIL",
            "BREACHDRILL_ADMIN_PASSWORD")) {
      assertThat(env).as(name).containsKey(name);
      assertThat(env.get(name)).as(name).doesNotContainKey("value");
      Map<String, Object> reference = map(map(env.get(name), "valueFrom"), "secretKeyRef");
      assertThat(reference).as(name).containsEntry("name", "breachdrill");
    }
  }

  @Test
  void serviceExposesTheAppButNotTheManagementPort() {
    List<Map<String, Object>> ports = list(map(only("Service"), "spec"), "ports");
    assertThat(ports).extracting(port -> port.get("targetPort")).containsExactly(HTTP_PORT);
  }

  @Test
  void buildsNothingThatNeedsMoreThanTheClusterItself() {
    assertThat(resources)
        .extracting(resource -> resource.get("kind"))
        .doesNotContain("Job", "ServiceMonitor", "Role", "RoleBinding");
  }

  @Test
  void sampleSecretHoldsEveryKeyTheDeploymentReads() throws IOException {
    Map<String, Object> secret = loadAll(Path.of("docker/kubernetes/secret.yml")).get(0);
    assertThat(secret).containsEntry("kind", "Secret");
    Set<String> read = new TreeSet<>();
    for (Map<String, Object> variable : list(container(), "env")) {
      if (variable.get("valueFrom") instanceof Map<?, ?> from && from.containsKey("secretKeyRef")) {
        Map<String, Object> reference = map(map(variable, "valueFrom"), "secretKeyRef");
        assertThat(reference.get("name")).isEqualTo(map(secret, "metadata").get("name"));
        read.add((String) reference.get("key"));
      }
    }
    assertThat(read).isNotEmpty();
    assertThat(map(secret, "stringData").keySet()).containsAll(read);
  }

  private static Map<String, Object> container() {
    Map<String, Object> pod = map(map(map(only("Deployment"), "spec"), "template"), "spec");
    List<Map<String, Object>> containers = list(pod, "containers");
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static Map<String, Object> only(String kind) {
    List<Map<String, Object>> found =
        resources.stream().filter(resource -> kind.equals(resource.get("kind"))).toList();
    assertThat(found).as("resources of kind " + kind).hasSize(1);
    return found.get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as(key).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as(key).isInstanceOf(List.class);
    return (List<Map<String, Object>>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> loadAll(Path file) throws IOException {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document :
        new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
      if (document != null) {
        documents.add((Map<String, Object>) document);
      }
    }
    return documents;
  }
}
