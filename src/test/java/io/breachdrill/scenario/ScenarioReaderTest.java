package io.breachdrill.scenario;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {

  private static final String VALID =
      """
      id: tiny
      title: Tiny
      summary: A two-inject drill.
      duration: 1h
      roles: [soc-analyst, legal-comms]
      playbook:
        - id: revoke
          title: Revoke the key
          phase: contain
          control: secrets-management
          weight: 10
          from: alert
          due: 15m
      injects:
        - id: alert
          at: 0m
          channel: siem-alert
          title: Key used from a new ASN
          to: [soc-analyst]
          attack: [T1078.004, AML.T0035]
          body: |
            **Rule** CLOUD-KEY-01
          decision:
            id: first
            prompt: What now?
            time_limit: 10m
            options:
              - id: revoke
                text: Revoke the key
                performs: [revoke]
              - id: watch
                text: Watch
                harms: [revoke]
        - id: later
          after: {decision: first, option: [watch, timeout], delay: 5m}
          channel: email
          sender: "Dana Ruiz, data engineering <d.ruiz@example.com>"
          body: More downloads.
      """;

  private static ScenarioFile read(String text) {
    return ScenarioReader.read("x.yaml", text.getBytes(UTF_8));
  }

  private static List<String> problems(ScenarioFile file) {
    return file.problems().stream().map(Problem::format).toList();
  }

  @Test
  void readsEveryFieldOfAValidFile() {
    ScenarioFile file = read(VALID);

    assertThat(file.problems()).isEmpty();
    Scenario scenario = file.scenario();
    assertThat(scenario.duration()).isEqualTo(Duration.ofHours(1));
    assertThat(scenario.lateFloorPercent()).isEqualTo(50);
    PlaybookStep step = scenario.playbook().get(0);
    assertThat(step.phase()).isEqualTo(Phase.CONTAIN);
    assertThat(step.due()).isEqualTo(Duration.ofMinutes(15));
    assertThat(step.from()).isEqualTo("alert");
    Inject alert = scenario.injects().get(0);
    assertThat(alert.channel()).isEqualTo(Channel.SIEM_ALERT);
    assertThat(alert.sender()).isNull();
    assertThat(alert.attack()).containsExactly("T1078.004", "AML.T0035");
    assertThat(alert.decision().timeLimit()).isEqualTo(Duration.ofMinutes(10));
    assertThat(alert.decision().options().get(1).harms()).containsExactly("revoke");
    Inject later = scenario.injects().get(1);
    assertThat(later.after().options()).containsExactly("watch", "timeout");
    assertThat(later.after().delay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(later.wholeTeam()).isTrue();
    assertThat(later.sender()).isEqualTo("Dana Ruiz, data engineering <d.ruiz@example.com>");
    assertThat(file.sha256()).hasSize(64);
  }

  @Test
  void senderLengthCountsCharactersNotUtf16Units() {
    String sender = "Łukasz Żółć, 𝔽𝕚𝕖𝕝𝕕 security " + "x".repeat(200);
    sender = sender.substring(0, sender.offsetByCodePoints(0, 200));
    String line = "    sender: \"Dana Ruiz, data engineering <d.ruiz@example.com>\"";
    String atLimit = VALID.replace(line, "    sender: \"" + sender + "\"");

    assertThat(read(atLimit).problems()).isEmpty();
    assertThat(read(atLimit).scenario().injects().get(1).sender()).isEqualTo(sender);
    assertThat(problems(read(atLimit.replace(sender, sender + "!"))))
        .containsExactly(
            "x.yaml:37:13: error: 'sender' is 201 characters long; keep it to at most 200, like"
                + " 'Dana Ruiz, Meridian Newswire security lead'");
  }

  @Test
  void emptyFileIsAnError() {
    assertThat(problems(read("")))
        .containsExactly(
            "x.yaml:1:1: error: the file is empty; a scenario needs at least id, title, summary,"
                + " duration, roles, playbook and injects");
    assertThat(read("  \n\n").valid()).isFalse();
  }

  @Test
  void fileOfOnlyCommentsHoldsNoDocument() {
    assertThat(problems(read("# nothing here\n")))
        .containsExactly(
            "x.yaml:1:1: error: the file holds no YAML document; a scenario needs at least id,"
                + " title, summary, duration, roles, playbook and injects");
  }

  @Test
  void binaryFileIsRejectedAtItsFirstNulByte() {
    byte[] bytes = "id: x\ntitle: \0\0binary".getBytes(UTF_8);
    assertThat(problems(ScenarioReader.read("x.yaml", bytes)))
        .containsExactly(
            "x.yaml:2:8: error: this is not a text file: it holds a NUL byte (binary content)");
  }

  @Test
  void nonUtf8FileIsRejectedWhereTheBadByteIs() {
    byte[] bytes = {'i', 'd', ':', ' ', 'x', '\n', 't', ':', ' ', (byte) 0xC3, (byte) 0x28};
    assertThat(problems(ScenarioReader.read("x.yaml", bytes)))
        .containsExactly("x.yaml:2:4: error: this is not UTF-8 text; save the file as UTF-8");
  }

  @Test
  void hugeFileIsRefusedWithItsSize() {
    byte[] bytes = new byte[ScenarioReader.MAX_BYTES + 1];
    java.util.Arrays.fill(bytes, (byte) 'a');
    assertThat(problems(ScenarioReader.read("x.yaml", bytes)))
        .containsExactly(
            "x.yaml:1:1: error: the file is 1048577 bytes; scenario files are limited to 1048576"
                + " bytes (1 MiB)");
  }

  @Test
  void deepNestingIsAProblemNotACrash() {
    String deep = "id: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
    assertThat(problems(read(deep)))
        .containsExactly(
            "x.yaml:1:1: error: the YAML nests too deeply to read; a scenario needs only a few"
                + " levels of lists and mappings");
  }

  @Test
  void windowsLineEndingsKeepTheSamePositions() {
    String typo = VALID.replace("  - id: later\n", "  - id: later\n    chanel: chat\n");
    assertThat(problems(read(typo.replace("\n", "\r\n"))))
        .isEqualTo(problems(read(typo)))
        .containsExactly(
            "x.yaml:35:5: error: unknown key 'chanel' in inject 'later' (did you mean"
                + " 'channel'?)");
  }

  @Test
  void byteOrderMarkIsIgnored() {
    assertThat(read("\uFEFF" + VALID).problems()).isEmpty();
  }

  @Test
  void aliasBombIsRefusedWithoutAnException() {
    String bomb =
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
    ScenarioFile file = read(bomb);
    assertThat(file.valid()).isFalse();
    assertThat(file.problems().get(0).message()).startsWith("YAML");
  }
}
