package io.breachdrill.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Which option of which decision leads to which inject, laid out for an SVG drawn on the server:
 * one band per decision, in the order the master events list gives, with the decision on the left,
 * its options (and "no answer in time" when it has a limit) in the middle and the injects they lead
 * to on the right.
 */
public record BranchMap(int width, int height, List<Band> bands) {

  static final int ROW = 28;
  static final int GAP = 14;
  static final int BOX = 22;
  static final int DECISION_X = 4;
  static final int OPTION_X = 262;
  static final int INJECT_X = 520;
  static final int COLUMN = 236;
  static final int INJECT_COLUMN = 336;
  static final int WIDTH = INJECT_X + INJECT_COLUMN + 4;
  static final int LABEL_CHARS = 34;
  static final int INJECT_LABEL_CHARS = 48;

  /** A box with a shortened label; {@code title} is the whole text, shown on hover. */
  public record Box(int x, int y, int width, String label, String title) {
    public int textX() {
      return x + 6;
    }

    public int textY() {
      return y + 15;
    }

    public int middleY() {
      return y + BOX / 2;
    }

    public int right() {
      return x + width;
    }
  }

  public record Edge(int x1, int y1, int x2, int y2) {}

  public record Band(Box decision, List<Box> options, List<Box> injects, List<Edge> edges) {}

  public static BranchMap of(Scenario scenario) {
    List<Band> bands = new ArrayList<>();
    int y = 4;
    for (MasterEventsList.Entry entry : MasterEventsList.of(scenario)) {
      Decision decision = entry.inject().decision();
      if (decision == null) {
        continue;
      }
      List<String> choices = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (DecisionOption option : decision.options()) {
        choices.add(option.id());
        labels.add(option.id());
      }
      if (decision.timeLimit() != null) {
        choices.add(Inject.After.TIMEOUT);
        labels.add("no answer in " + Durations.format(decision.timeLimit()));
      }
      List<Inject> next = scenario.followUps(decision.id());
      int rows = Math.max(Math.max(choices.size(), next.size()), 1);
      int middle = y + ((rows - 1) * ROW) / 2;
      Box asked =
          box(DECISION_X, middle, COLUMN, decision.id() + ": " + decision.prompt(), LABEL_CHARS);
      List<Box> options = new ArrayList<>();
      List<Edge> edges = new ArrayList<>();
      for (int i = 0; i < choices.size(); i++) {
        Box option = box(OPTION_X, y + i * ROW, COLUMN, labels.get(i), LABEL_CHARS);
        options.add(option);
        edges.add(new Edge(asked.right(), asked.middleY(), option.x(), option.middleY()));
      }
      List<Box> injects = new ArrayList<>();
      for (int j = 0; j < next.size(); j++) {
        Inject inject = next.get(j);
        Box target =
            box(INJECT_X, y + j * ROW, INJECT_COLUMN, inject.headline(), INJECT_LABEL_CHARS);
        injects.add(target);
        for (int i = 0; i < choices.size(); i++) {
          if (inject.after().options().contains(choices.get(i))) {
            Box option = options.get(i);
            edges.add(new Edge(option.right(), option.middleY(), target.x(), target.middleY()));
          }
        }
      }
      bands.add(new Band(asked, List.copyOf(options), List.copyOf(injects), List.copyOf(edges)));
      y += rows * ROW + GAP;
    }
    return new BranchMap(WIDTH, Math.max(y, ROW), List.copyOf(bands));
  }

  private static Box box(int x, int y, int width, String text, int chars) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    String label =
        oneLine.length() <= chars ? oneLine : oneLine.substring(0, chars - 1).stripTrailing() + "…";
    return new Box(x, y, width, label, oneLine);
  }
}
