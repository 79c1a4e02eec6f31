package io.breachdrill;

import io.breachdrill.scenario.ValidateCommand;
import io.breachdrill.scoring.ScenarioTestPlayer;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * Runs the web application, or with {@code validate PATH...} checks scenario files and exits before
 * anything of the application (database, HTTP) starts.
 */
@QuarkusMain
public class Main {

  public static void main(String... args) {
    if (args.length > 0 && ValidateCommand.NAME.equals(args[0])) {
      System.exit(
          ValidateCommand.run(
              Arrays.asList(args).subList(1, args.length),
              System.out,
              System.err,
              ScenarioTestPlayer.INSTANCE));
    }
    Quarkus.run(args);
  }
}
