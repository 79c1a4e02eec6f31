package io.breachdrill;

import static io.breachdrill.KubernetesManifestIT.list;
import static io.breachdrill.KubernetesManifestIT.loadAll;
import static io.breachdrill.KubernetesManifestIT.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The multi-node compose example and its load balancer agree with each other and with the app: the
 * nodes trust forwarded headers from the balancer's address only, publish nothing themselves, and
 * are checked on the management port; the balancer spreads requests without stickiness and lets
 * event streams live past the app's heartbeat.
 */
class ComposeFilesTest {

  /** LiveStreams sends a heartbeat on every open stream this often. */
  static final int HEARTBEAT_SECONDS = 15;

  final Map<String, Object> services = map(compose("docker/compose.scale.yml"), "services");
  final String haproxy = read("docker/haproxy.cfg");

  @Test
  void nodesTrustForwardedHeadersFromTheBalancerOnly() {
    Map<String, Object> app = map(services, "app");
    String balancer =
        (String) map(map(map(services, "lb"), "networks"), "drills").get("ipv4_address");
    assertThat(map(app, "environment"))
        .containsEntry("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true")
        .containsEntry("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true")
        .containsEntry("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", balancer);
    Map<String, Object> network =
        map(map(compose("docker/compose.scale.yml"), "networks"), "drills");
    Map<String, Object> ipam = list(map(network, "ipam"), "config").get(0);
    assertThat(inRange(balancer, (String) ipam.get("subnet"))).isTrue();
    assertThat(inRange(balancer, (String) ipam.get("ip_range")))
        .as("nodes' address range")
        .isFalse();
  }

  @Test
  void onlyTheBalancerIsPublished() {
    assertThat(map(services, "app")).doesNotContainKey("ports");
    assertThat(map(services, "lb").get("ports")).isEqualTo(List.of("8080:8080"));
    assertThat(haproxy).containsPattern("(?m)^\\s*bind :8080$");
    assertThat(haproxy).containsPattern("(?m)^\\s*server-template app \\d+ app:8080$");
  }

  @Test
  void healthIsCheckedOnTheManagementPort() {
    assertThat(haproxy)
        .containsPattern("(?m)^\\s*option httpchk GET /q/health/ready$")
        .containsPattern("(?m)^\\s*default-server check port 9000 ");
    for (String file : List.of("docker/compose.yml", "docker/compose.scale.yml")) {
      Map<String, Object> app = map(map(compose(file), "services"), "app");
      assertThat(map(app, "healthcheck").get("test").toString())
          .as(file)
          .contains("/dev/tcp/127.0.0.1/9000", "/q/health/ready");
    }
  }

  @Test
  void noStickySessionsAndStreamsOutliveTheHeartbeat() {
    assertThat(haproxy).containsPattern("(?m)^\\s*balance roundrobin$");
    assertThat(haproxy).doesNotContainPattern("(?m)^\\s*(cookie|stick|appsession)\\b");
    for (String side : List.of("client", "server")) {
      Matcher timeout = Pattern.compile("(?m)^\\s*timeout " + side + " (\\d+)s$").matcher(haproxy);
      assertThat(timeout.find()).as("timeout " + side).isTrue();
      assertThat(Integer.parseInt(timeout.group(1))).isGreaterThan(2 * HEARTBEAT_SECONDS);
    }
  }

  private static boolean inRange(String address, String cidr) {
    String[] parts = cidr.split("/");
    int bits = Integer.parseInt(parts[1]);
    long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    return (ipv4(address) & mask) == (ipv4(parts[0]) & mask);
  }

  private static long ipv4(String address) {
    long value = 0;
    for (String octet : address.split("\\.")) {
      value = (value << 8) | Integer.parseInt(octet);
    }
    return value;
  }

  private static Map<String, Object> compose(String file) {
    try {
      return loadAll(Path.of(file)).get(0);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
