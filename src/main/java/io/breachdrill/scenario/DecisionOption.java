package io.breachdrill.scenario;

import java.util.List;

public record DecisionOption(String id, String text, List<String> performs, List<String> harms) {}
