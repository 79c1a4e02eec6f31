package io.breachdrill.scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code validate PATH...}: checks scenario files and runs their tests without a database or
 * network, for facilitators' own CI. Exit 0 when all are valid and pass, 1 when any is not, 2 on
 * bad usage.
 */
public final class ValidateCommand {

  public static final String NAME = "validate";
  public static final int OK = 0;
  public static final int INVALID = 1;
  public static final int USAGE = 2;

  private static final String USAGE_TEXT =
      """
      Usage: java -jar quarkus-run.jar validate PATH...
        Checks Breachdrill scenario files (.yaml, .yml); folders are searched recursively.
        Runs each scenario's tests: its 'tests:' and those of a sibling <id>.test.yaml.
        Prints one line per problem as PATH:LINE:COL: error: MESSAGE (a failed test as
        PATH:LINE:COL: error: test NAME: expected ..., got ...) and a summary line.
        Exit status: 0 all valid and passing, 1 problems found, 2 bad usage.""";

  private ValidateCommand() {}

  public static int run(
      List<String> args, PrintStream out, PrintStream err, ScenarioTestRunner runner) {
    if (args.isEmpty()) {
      err.println("validate: name at least one scenario file or folder");
      err.println(USAGE_TEXT);
      return USAGE;
    }
    if (args.contains("-h") || args.contains("--help")) {
      out.println(USAGE_TEXT);
      return OK;
    }
    List<Path> files = new ArrayList<>();
    List<Path> testFiles = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("-")) {
        err.println("validate: unknown option '" + arg + "'");
        err.println(USAGE_TEXT);
        return USAGE;
      }
      Path path = Path.of(arg);
      if (!Files.exists(path)) {
        err.println("validate: " + arg + ": no such file or folder");
        return USAGE;
      }
      if (Files.isRegularFile(path) && ScenarioLoader.isTestFile(path)) {
        Optional<Path> scenario = ScenarioLoader.scenarioOf(path);
        if (scenario.isEmpty()) {
          err.println(
              "validate: " + arg + ": a test file needs its scenario file <id>.yaml beside it");
          return USAGE;
        }
        path = scenario.get();
      }
      try {
        List<Path> found = ScenarioLoader.scenarioFiles(path);
        testFiles.addAll(ScenarioLoader.testFiles(path));
        if (found.isEmpty()) {
          err.println("validate: " + arg + ": no .yaml or .yml files in this folder");
          return USAGE;
        }
        files.addAll(found);
      } catch (IOException e) {
        err.println("validate: " + arg + ": cannot read: " + e.getMessage());
        return USAGE;
      }
    }
    List<ScenarioFile> results = ScenarioLoader.checkAll(files.stream().distinct().toList());
    int errors = 0;
    for (Path orphan : orphans(testFiles, results)) {
      out.println(
          Problem.at(
                  orphan.toString(),
                  Position.START,
                  "no scenario with id '"
                      + ScenarioLoader.testedId(orphan)
                      + "' in this folder, so these tests never run; name the file after the"
                      + " scenario's id, as <id>.test.yaml")
              .format());
      errors++;
    }
    int tests = 0;
    int failed = 0;
    for (ScenarioFile file : results) {
      List<Problem> problems = new ArrayList<>(file.problems());
      for (ScenarioTest test : file.tests()) {
        List<Problem> failures = runner.run(file.scenario(), test);
        tests++;
        failed += failures.isEmpty() ? 0 : 1;
        problems.addAll(failures);
      }
      for (Problem problem : problems) {
        out.println(problem.format());
        errors++;
      }
    }
    out.println(
        results.size()
            + " files, "
            + errors
            + " errors"
            + (tests == 0 ? "" : "; " + tests + " tests, " + failed + " failed"));
    return errors == 0 ? OK : INVALID;
  }

  /**
   * Test files that no scenario picks up: a valid scenario takes {@code <id>.test.yaml} beside it;
   * a scenario with problems is taken to own the one named after its file, which it reports itself.
   */
  private static List<Path> orphans(List<Path> testFiles, List<ScenarioFile> results) {
    Set<Path> owned = new HashSet<>();
    for (ScenarioFile file : results) {
      Path scenario = Path.of(file.path());
      String name = scenario.getFileName().toString();
      String id = file.valid() ? file.scenario().id() : name.substring(0, name.lastIndexOf('.'));
      owned.add(scenario.resolveSibling(id + ".test.yaml"));
      owned.add(scenario.resolveSibling(id + ".test.yml"));
    }
    return testFiles.stream().distinct().filter(t -> !owned.contains(t)).toList();
  }
}
