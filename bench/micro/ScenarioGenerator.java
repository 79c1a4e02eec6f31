import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes a large but plausible scenario: a long campaign of intrusion storylines, each of ten
 * injects. A storyline opens with a timed SIEM alert or log extract carrying a decision (contain,
 * watch or escalate, with a time limit); each answer and the time-out lead to their own branch; the
 * containment branch asks a second decision (notify now or hold) with branches of its own; three
 * timed context injects (chat, email, call) follow the alert. Two playbook steps per storyline, in
 * all eight phases and eight control areas, start their clocks at the storyline's injects and are
 * performed (and harmed) by its options. Same seed, same file.
 *
 * <p>{@code java ScenarioGenerator OUT.yaml [INJECTS=1000] [SEED=7]}; INJECTS must be a multiple of
 * 10.
 */
public final class ScenarioGenerator {

  static final List<String> ROLES =
      List.of(
          "incident-commander",
          "soc-analyst",
          "ml-platform",
          "cloud-security",
          "legal-comms",
          "executive");
  static final List<String> FIRST_PHASES =
      List.of("detect", "analyze", "contain", "eradicate", "recover", "prepare");
  static final List<String> SECOND_PHASES = List.of("communicate", "learn");
  static final List<String> CONTROLS =
      List.of(
          "identity-mfa",
          "network-segmentation",
          "access-logging",
          "backup-recovery",
          "access-inventory",
          "response-plan",
          "secrets-management",
          "external-coordination");
  static final List<String> USERS =
      List.of(
          "m.okafor", "j.tanaka", "r.lindqvist", "a.haddad", "p.novak", "l.mensah", "k.ferreira");
  static final List<String> HOSTS =
      List.of(
          "bastion-01",
          "bastion-02",
          "gpu-a-117",
          "cpu-b-031",
          "notebook-07",
          "registry-02",
          "ci-runner-14",
          "etl-03");
  static final List<String> TECHNIQUES =
      List.of(
          "T1078",
          "T1078.004",
          "T1621",
          "T1566",
          "T1199",
          "T1213.003",
          "T1530",
          "T1552",
          "T1098",
          "T1567.002",
          "T1537",
          "T1565",
          "T1070",
          "AML.T0035",
          "AML.T0025",
          "AML.T0020",
          "AML.T0010");
  static final List<String> ASSETS =
      List.of(
          "Kestrel-3 checkpoints",
          "the eval harness repository",
          "the pretraining data mixture",
          "the fine-tuning queue",
          "the model registry",
          "the red-team prompt set");

  private final StringBuilder out = new StringBuilder(1 << 20);
  private final Random random;

  private ScenarioGenerator(long seed) {
    random = new Random(seed);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: ScenarioGenerator OUT.yaml [INJECTS=1000] [SEED=7]");
      System.exit(2);
    }
    int injects = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
    String yaml = generate(injects, seed);
    Path path = Path.of(args[0]);
    Files.writeString(path, yaml, StandardCharsets.UTF_8);
    System.out.printf("wrote %s: %d injects, %d bytes%n", path, injects, yaml.length());
  }

  static String generate(int injects, long seed) {
    if (injects < 10 || injects % 10 != 0) {
      throw new IllegalArgumentException("injects must be a positive multiple of 10");
    }
    return new ScenarioGenerator(seed).scenario(injects / 10);
  }

  /** Storyline k's alert comes at k × spacing; every branch arrives within 50 minutes of it. */
  private String scenario(int storylines) {
    int spacing = 4;
    int minutes = (storylines - 1) * spacing + 60;
    line("# yaml-language-server: $schema=./scenario.schema.json");
    line("id: generated-campaign-" + storylines * 10);
    line(
        "title: \"A long espionage campaign against the research estate ("
            + storylines
            + " intrusions)\"");
    line("summary: >-");
    line(
        "  A generated benchmark scenario: a state-linked actor returns again and again over one"
            + " long");
    line(
        "  shift, each time through another account, host or partner, so every storyline asks the"
            + " team");
    line(
        "  to contain or watch, to escalate, and to decide when to tell the people who must know.");
    line("duration: " + minutes / 60 + "h" + (minutes % 60 == 0 ? "" : minutes % 60 + "m"));
    line("late_floor: 40");
    line("roles: [" + String.join(", ", ROLES) + "]");
    line("");
    line("playbook:");
    for (int k = 0; k < storylines; k++) {
      String s = id(k);
      String asset = pick(ASSETS);
      step(
          s + "-contain",
          "Cut the actor's access to "
              + asset
              + " in storyline "
              + (k + 1)
              + " and keep the evidence",
          FIRST_PHASES.get(k % FIRST_PHASES.size()),
          CONTROLS.get(k % CONTROLS.size()),
          5 + random.nextInt(4) * 5,
          s + "-alert",
          "15m");
      step(
          s + "-notify",
          "Tell the asset owner and counsel what storyline "
              + (k + 1)
              + " touched, with the unknowns",
          SECOND_PHASES.get(k % SECOND_PHASES.size()),
          CONTROLS.get((k + 3) % CONTROLS.size()),
          5 + random.nextInt(3) * 5,
          s + "-contained",
          "20m");
    }
    line("");
    line("injects:");
    for (int k = 0; k < storylines; k++) {
      storyline(k, k * spacing);
    }
    line("");
    line("hotwash:");
    line("  - id: first-signal");
    line("    question: Which storyline did you first recognise as the same actor, and from what?");
    line("  - id: slowest-call");
    line("    question: Which decision took longest, and what would have made it faster?");
    return out.toString();
  }

  private void storyline(int k, int at) {
    String s = id(k);
    String user = pick(USERS);
    String host = pick(HOSTS);
    String ip = "198.51.100." + (10 + random.nextInt(240));
    String asset = pick(ASSETS);
    boolean log = k % 2 == 1;
    line(
        "  # ---------------------------------------------------------------- storyline "
            + (k + 1));
    inject(
        s + "-alert",
        "at: " + minutes(at),
        log ? "log" : "siem-alert",
        log ? "Kubernetes audit log, cluster trn-east" : "SIEM rule IDP-ANOM-0" + (10 + k % 90),
        (log ? "Audit log: " : "SIEM: ") + user + " reaches " + asset + " from " + ip,
        List.of("soc-analyst", "incident-commander"),
        techniques(2),
        artefact(user, host, ip, asset)
            + "      The session is still open. HR says "
            + user
            + " is travelling this week.\n");
    line("    decision:");
    line("      id: " + s + "-first-move");
    line(
        "      prompt: "
            + quote("The actor is in " + asset + " again through " + user + ". What now?"));
    line("      time_limit: 10m");
    line("      options:");
    option(
        "contain",
        "Disable " + user + ", end every session and isolate " + host + " now",
        List.of(s + "-contain"),
        List.of());
    option(
        "watch",
        "Keep the session under full logging for up to an hour to learn what the actor wants",
        List.of(),
        List.of());
    option(
        "escalate",
        "Page the incident commander and the asset owner, and contain once they agree",
        List.of(s + "-contain"),
        List.of());

    inject(
        s + "-contained",
        "after: {decision: " + s + "-first-move, option: contain, delay: 5m}",
        "log",
        "sshd and IdP logs, " + host,
        "Auth log after the lock-out: the actor tries a key you did not know about",
        List.of("soc-analyst", "cloud-security"),
        techniques(1),
        artefact(user, host, ip, asset)
            + "      The key also works for a service account that no person owns.\n");
    line("    decision:");
    line("      id: " + s + "-notify");
    line("      prompt: " + quote("Do you tell the owner of " + asset + " and counsel now?"));
    line("      time_limit: 10m");
    line("      options:");
    option(
        "notify-now",
        "Brief the owner and counsel now with what is known and what is not",
        List.of(s + "-notify"),
        List.of());
    option(
        "hold",
        "Hold until the scope is known, so nobody acts on a guess",
        List.of(),
        List.of(s + "-notify"));

    inject(
        s + "-watched",
        "after: {decision: " + s + "-first-move, option: watch, delay: 8m}",
        "log",
        "tlog session recording, " + host,
        "Session recording: the actor lists " + asset,
        List.of("soc-analyst", "ml-platform"),
        techniques(2),
        artefact(user, host, ip, asset)
            + "      Watching shows intent; it also lets the copy run.\n");
    inject(
        s + "-escalated",
        "after: {decision: " + s + "-first-move, option: [escalate], delay: 3m}",
        "email",
        "The owner of " + asset,
        "Email: the asset owner agrees, with a condition",
        List.of("incident-commander"),
        List.of(),
        "      \"Contain it, but keep the nightly job running: a customer demo depends on it.\"\n");
    inject(
        s + "-silence",
        "after: {decision: " + s + "-first-move, option: timeout, delay: 2m}",
        "ticket",
        "SOC queue / soar-playbook/known-traveller v3",
        "SOC queue: the alert was auto-closed as a known traveller",
        List.of("soc-analyst"),
        List.of(),
        "      INC-" + (48000 + k) + " closed automatically. Nobody reviewed it.\n");
    inject(
        s + "-notified",
        "after: {decision: " + s + "-notify, option: notify-now, delay: 5m}",
        "chat",
        "Counsel (#ir-legal)",
        "Counsel starts the notification clocks",
        List.of("legal-comms", "executive"),
        List.of(),
        "      Awareness time recorded. The 72-hour clock for personal data started at "
            + minutes(at + 5)
            + ".\n");
    inject(
        s + "-held",
        "after: {decision: " + s + "-notify, option: [hold, timeout], delay: 10m}",
        "news",
        "Meridian Newswire",
        "News: a reporter asks about a leak before you told anyone",
        List.of("legal-comms", "executive", "incident-commander"),
        List.of(),
        "      A reporter has a screenshot of " + asset + " and a deadline in one hour.\n");
    inject(
        s + "-chatter",
        "at: " + minutes(at + 1),
        "chat",
        "#ml-platform-oncall",
        "On-call chat: someone asks whether the alert is the weekly sync",
        List.of("ml-platform"),
        List.of(),
        "      **" + pick(USERS) + "** heads up, the weekly sync may look odd tonight.\n");
    inject(
        s + "-partner-mail",
        "at: " + minutes(at + 2),
        "email",
        "Security team of a partner lab",
        "Email: a partner saw the same address",
        List.of("cloud-security", "legal-comms"),
        List.of(),
        "      We saw logins from " + ip + " against our shared data drop last night.\n");
    inject(
        s + "-exec-call",
        "at: " + minutes(at + 3),
        "phone",
        "The chief executive's office",
        "Call: the CEO wants one line for the board",
        List.of("executive"),
        List.of(),
        "      The board chair heard something. The CEO wants one sentence, now.\n");
  }

  private String artefact(String user, String host, String ip, String asset) {
    return "      ```\n"
        + "      2026-11-03T02:"
        + two(random.nextInt(60))
        + ":"
        + two(random.nextInt(60))
        + "Z "
        + host
        + ".trn.corvid.example.com sshd[4"
        + (1000 + random.nextInt(9000))
        + "]: Accepted password for "
        + user
        + " from "
        + ip
        + " port 5"
        + (1000 + random.nextInt(9000))
        + "\n"
        + "      enrich: ip="
        + ip
        + " asn=AS645"
        + two(random.nextInt(100))
        + " hosting=true first_seen="
        + random.nextBoolean()
        + " target=\""
        + asset
        + "\"\n"
        + "      ```\n";
  }

  private void step(
      String id, String title, String phase, String control, int weight, String from, String due) {
    line("  - id: " + id);
    line("    title: " + quote(title));
    line("    phase: " + phase);
    line("    control: " + control);
    line("    weight: " + weight);
    line("    from: " + from);
    line("    due: " + due);
  }

  private void inject(
      String id,
      String timing,
      String channel,
      String sender,
      String title,
      List<String> to,
      List<String> attack,
      String body) {
    line("");
    line("  - id: " + id);
    line("    " + timing);
    line("    channel: " + channel);
    line("    sender: " + quote(sender));
    line("    title: " + quote(title));
    line("    to: [" + String.join(", ", to) + "]");
    if (!attack.isEmpty()) {
      line("    attack: [" + String.join(", ", attack) + "]");
    }
    line("    body: |");
    out.append(body);
  }

  private void option(String id, String text, List<String> performs, List<String> harms) {
    line("        - id: " + id);
    line("          text: " + quote(text));
    if (!performs.isEmpty()) {
      line("          performs: [" + String.join(", ", performs) + "]");
    }
    if (!harms.isEmpty()) {
      line("          harms: [" + String.join(", ", harms) + "]");
    }
  }

  private List<String> techniques(int count) {
    int first = random.nextInt(TECHNIQUES.size());
    return count == 1
        ? List.of(TECHNIQUES.get(first))
        : List.of(
            TECHNIQUES.get(first),
            TECHNIQUES.get((first + 1 + random.nextInt(5)) % TECHNIQUES.size()));
  }

  private String pick(List<String> from) {
    return from.get(random.nextInt(from.size()));
  }

  private static String id(int k) {
    return String.format("s%03d", k + 1);
  }

  private static String minutes(int m) {
    return m >= 60 ? m / 60 + "h" + (m % 60 == 0 ? "" : m % 60 + "m") : m + "m";
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
