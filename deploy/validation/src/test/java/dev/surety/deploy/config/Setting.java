package dev.surety.deploy.config;

import java.util.List;
import java.util.Objects;

/**
 * One configuration setting of a service as an operator sees it: a property and the environment
 * variable that sets it, or an environment variable that application.properties reads directly
 * ({@code ${SURETY_DB_HOST:localhost}} inside the datasource URLs).
 *
 * @param key             unique within the service: the property, or {@code env:<VARIABLE>} for a variable
 *                        read only inside other properties' values
 * @param property        the property, {@code null} for a variable read inside other values
 * @param usedIn          for such a variable: the properties whose values read it
 * @param env             the environment variable that sets it ({@code <i>} for a list index), {@code null}
 *                        when only a properties file can (keys with a tenant id)
 * @param otherEnv        further variables that set it too (the mapped name of a property whose value is
 *                        {@code ${VARIABLE:default}})
 * @param defaultValue    the default as the reference prints it (markdown)
 * @param meaning         what it does; {@code null} when the code says nothing and the reference has nothing yet
 * @param meaningFromCode whether the meaning is a {@code @ConfigMapping} Javadoc (edit it there, not in the reference)
 * @param production      {@code null}, or what the reference says about setting it in production
 */
public record Setting(String key, String property, List<String> usedIn, String env, List<String> otherEnv,
               String defaultValue, String meaning, boolean meaningFromCode, String production) {

    public Setting {
        Objects.requireNonNull(key);
        usedIn = List.copyOf(usedIn);
        otherEnv = List.copyOf(otherEnv);
        Objects.requireNonNull(defaultValue);
    }

    static Setting property(String property, String env, String defaultValue, String meaning, boolean fromCode) {
        return new Setting(property, property, List.of(), env, List.of(), defaultValue, meaning, fromCode, null);
    }

    /** Every environment variable that sets this setting. */
    List<String> envs() {
        if (env == null) {
            return otherEnv;
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(env), otherEnv.stream()).toList();
    }

    Setting withMeaning(String text, boolean fromCode) {
        return new Setting(key, property, usedIn, env, otherEnv, defaultValue, text, fromCode, production);
    }

    Setting withDefault(String text) {
        return new Setting(key, property, usedIn, env, otherEnv, text, meaning, meaningFromCode, production);
    }

    Setting withProduction(String note) {
        return new Setting(key, property, usedIn, env, otherEnv, defaultValue, meaning, meaningFromCode, note);
    }

    Setting withOtherEnv(List<String> more) {
        return new Setting(key, property, usedIn, env, more, defaultValue, meaning, meaningFromCode, production);
    }

    /** Where the row sorts: next to the property, or next to the first property that reads the variable. */
    String sortKey() {
        return property != null ? property : usedIn.get(0) + " " + env;
    }
}
