package io.breachdrill.scenario;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where each part of a parsed scenario came from, keyed by the identity of the record it belongs
 * to, so the model records stay free of positions.
 */
final class SourceMap {

  private final Map<Object, Map<String, Position>> positions = new IdentityHashMap<>();

  void record(Object owner, Map<String, Position> fields) {
    positions.put(owner, new HashMap<>(fields));
  }

  /** The start of the owner's own mapping. */
  Position of(Object owner) {
    return field(owner, "");
  }

  /** The value of one key of the owner, or the owner itself when the key was not written. */
  Position field(Object owner, String key) {
    Map<String, Position> fields = positions.getOrDefault(owner, Map.of());
    Position position = fields.get(key);
    if (position != null) {
      return position;
    }
    return fields.getOrDefault("", Position.START);
  }

  /** Whether the owner's mapping had the key, readable or not. */
  boolean has(Object owner, String key) {
    return positions.getOrDefault(owner, Map.of()).containsKey(key);
  }

  /** One item of a list-valued key of the owner. */
  Position item(Object owner, String key, int index) {
    Position position = positions.getOrDefault(owner, Map.of()).get(itemKey(key, index));
    return position != null ? position : field(owner, key);
  }

  static String itemKey(String key, int index) {
    return key + "#" + index;
  }
}
