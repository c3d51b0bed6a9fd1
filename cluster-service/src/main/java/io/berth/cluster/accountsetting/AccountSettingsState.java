package io.berth.cluster.accountsetting;

import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of one account in one region: explicit values per principal and the account's
 * defaults (PutAccountSettingDefault).
 */
public record AccountSettingsState(Map<String, Map<String, String>> byPrincipal, Map<String, String> defaults) {

    public static final AccountSettingsState NONE = new AccountSettingsState(Map.of(), Map.of());

    AccountSettingsState withPrincipal(String principal, String name, String value) {
        Map<String, Map<String, String>> next = new TreeMap<>(byPrincipal);
        Map<String, String> settings = new TreeMap<>(next.getOrDefault(principal, Map.of()));
        if (value == null) {
            settings.remove(name);
        } else {
            settings.put(name, value);
        }
        next.put(principal, settings);
        return new AccountSettingsState(next, defaults);
    }

    AccountSettingsState withDefault(String name, String value) {
        Map<String, String> next = new TreeMap<>(defaults);
        next.put(name, value);
        return new AccountSettingsState(byPrincipal, next);
    }
}
