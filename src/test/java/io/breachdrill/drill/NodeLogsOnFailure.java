package io.breachdrill.drill;

import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/** Prints the end of every node's log when a test or its set-up fails. */
public final class NodeLogsOnFailure
    implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  private final List<AppNode> nodes;

  public NodeLogsOnFailure(List<AppNode> nodes) {
    this.nodes = nodes;
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    print(context);
    throw failure;
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    print(context);
    throw failure;
  }

  private void print(ExtensionContext context) {
    for (AppNode node : nodes) {
      System.err.printf(
          "%n==== %s failed; last lines of node %s (%s) ====%n%s%n",
          context.getDisplayName(), node.name, node.log(), node.tail(60));
    }
  }
}
