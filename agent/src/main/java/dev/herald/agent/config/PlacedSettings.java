package dev.herald.agent.config;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One plugin's settings under {@code plugins.config}, which also knows where in the config file
 * they are written, so that a plugin's refusal of them can be pointed at. Equal to any map with
 * the same entries; unmodifiable.
 */
public final class PlacedSettings extends AbstractMap<String, Object> {

  private final Map<String, Object> settings;
  private final String place;

  PlacedSettings(Map<String, Object> settings, String place) {
    this.settings = Objects.requireNonNull(settings);
    this.place = place;
  }

  /** Where the settings are written, as {@code herald.yaml:14}; null if not known. */
  public String place() {
    return place;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return settings.entrySet();
  }

  @Override
  public Object get(Object key) {
    return settings.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return settings.containsKey(key);
  }

  @Override
  public int size() {
    return settings.size();
  }
}
