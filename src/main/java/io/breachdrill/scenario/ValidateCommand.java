package io.breachdrill.scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code validate PATH...}: checks scenario files without a database or network, for facilitators'
 * own CI. Exit 0 when all are valid, 1 when any is not, 2 on bad usage.
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
        Prints one line per problem as PATH:LINE:COL: error: MESSAGE and a summary line.
        Exit status: 0 all valid, 1 problems found, 2 bad usage.""";

  private ValidateCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
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
      try {
        List<Path> found = ScenarioLoader.scenarioFiles(path);
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
    for (ScenarioFile file : results) {
      for (Problem problem : file.problems()) {
        out.println(problem.format());
        errors++;
      }
    }
    out.println(results.size() + " files, " + errors + " errors");
    return errors == 0 ? OK : INVALID;
  }
}
