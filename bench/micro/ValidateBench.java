import io.breachdrill.scenario.ValidateCommand;
import io.breachdrill.scoring.ScenarioTestPlayer;
import io.breachdrill.scenario.ValidatePhases;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reading, parsing and validating one scenario file in-process: {@link ValidateCommand#run} on the
 * file, exactly what {@code java -jar quarkus-run.jar validate FILE} runs once the JVM is up (its
 * output discarded; the file must be valid).
 *
 * <ul>
 *   <li>{@code first FILE}: the first call in this JVM, what a {@code validate} run pays (start a
 *       fresh JVM for each sample);
 *   <li>{@code warm FILE [WARMUP_S=10] [RUNS=200]}: calls for WARMUP_S seconds, then RUNS timed
 *       calls, with p50/p95/p99/max;
 *   <li>{@code phases FILE [RUNS=1]}: each phase timed on its own, the first RUNS calls of this JVM
 *       (1: cold; more: the last run is reported, after the others warmed it).
 * </ul>
 */
public final class ValidateBench {

  /**
   * CPU time of this thread: unlike wall time, not inflated when other processes share the cores.
   */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ValidateBench first|warm|phases FILE [...]");
      System.exit(2);
    }
    Path file = Path.of(args[1]);
    switch (args[0]) {
      case "first" -> first(file);
      case "warm" ->
          warm(
              file,
              args.length > 2 ? Integer.parseInt(args[2]) : 10,
              args.length > 3 ? Integer.parseInt(args[3]) : 200);
      case "phases" -> phases(file, args.length > 2 ? Integer.parseInt(args[2]) : 1);
      default -> {
        System.err.println("unknown mode " + args[0]);
        System.exit(2);
      }
    }
  }

  private static void first(Path file) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    validate(file);
    long nanos = System.nanoTime() - start;
    cpu = THREADS.getCurrentThreadCpuTime() - cpu;
    System.out.printf(
        "first call: %s ms wall, %s ms CPU of the calling thread%n",
        Stats.ms(nanos), Stats.ms(cpu));
  }

  private static void warm(Path file, int warmupSeconds, int runs) {
    long until = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    int warmups = 0;
    while (System.nanoTime() < until) {
      validate(file);
      warmups++;
    }
    Stats wall = new Stats("validate FILE in-process, wall", runs);
    Stats cpu = new Stats("validate FILE in-process, CPU", runs);
    for (int i = 0; i < runs; i++) {
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      validate(file);
      wall.add(System.nanoTime() - start);
      cpu.add(THREADS.getCurrentThreadCpuTime() - cpuStart);
    }
    System.out.printf("warm-up: %d calls in %d s%n", warmups, warmupSeconds);
    System.out.println(wall.line());
    System.out.println(cpu.line());
  }

  private static void phases(Path file, int runs) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    long[] nanos = null;
    for (int i = 0; i < runs; i++) {
      nanos = ValidatePhases.time(file.toString(), bytes);
    }
    for (int i = 0; i < nanos.length; i++) {
      System.out.printf("  %-24s %9s ms%n", ValidatePhases.NAMES.get(i), Stats.ms(nanos[i]));
    }
  }

  private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

  private static void validate(Path file) {
    int status = ValidateCommand.run(List.of(file.toString()), DISCARD, System.err, ScenarioTestPlayer.INSTANCE);
    if (status != ValidateCommand.OK) {
      ValidateCommand.run(List.of(file.toString()), System.err, System.err, ScenarioTestPlayer.INSTANCE);
      throw new IllegalStateException(file + " is not valid (validate exits " + status + ")");
    }
  }
}
