package dev.surety.deploy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The properties of a service's {@code @ConfigMapping} interfaces, read from their sources: the
 * prefix, each method in kebab case (or its {@code @WithName}), nested groups, optional groups,
 * lists of groups ({@code [i]}) and maps of groups ({@code ."<key>"}), {@code @WithDefault} and
 * the method's Javadoc.
 */
final class ConfigMappings {

    /**
     * One leaf property of a mapping.
     *
     * @param name         full property name; {@code [i]} for a list index, {@code "<key>"} for a map key
     * @param defaultValue the {@code @WithDefault} value, {@code null} without one
     * @param optional     {@code Optional}, or inside an optional group: no value is fine
     * @param inEntry      inside a list element or a map value: required in each entry
     * @param viaMapKey    its name holds a map key, which only a properties file can spell
     * @param meaning      the method's Javadoc as reference text
     * @param mapping      the interface declaring the {@code @ConfigMapping}
     */
    record MappedProperty(String name, String defaultValue, boolean optional, boolean inEntry, boolean viaMapKey,
                          String meaning, String mapping) {
    }

    private static final Pattern MAPPING = Pattern.compile("@(?:io\\.smallrye\\.config\\.)?ConfigMapping\\s*\\(([^)]*)\\)");
    private static final Set<String> OPTIONALS = Set.of("Optional", "OptionalInt", "OptionalLong", "OptionalDouble");
    private static final Set<String> COLLECTIONS = Set.of("List", "Set", "Collection", "SortedSet");

    private final Map<String, String> interfaces;

    /** @param interfaces every interface of the module's sources by simple name, with its body */
    ConfigMappings(Map<String, String> interfaces) {
        this.interfaces = interfaces;
    }

    /** The mapped properties of the {@code @ConfigMapping} interfaces in one source file (none if it has none). */
    List<MappedProperty> properties(String source) {
        List<MappedProperty> found = new ArrayList<>();
        String code = JavaSource.blankCommentsAndStrings(source);
        Matcher m = MAPPING.matcher(source);
        while (m.find()) {
            if (code.charAt(m.start()) != '@') {
                continue; // in a comment or a string
            }
            String prefix = JavaSource.stringArguments(m.group(1)).getOrDefault("prefix", "");
            Matcher declaration = Pattern.compile("\\binterface\\s+(\\w+)").matcher(code);
            if (!declaration.find(m.end())) {
                throw new IllegalStateException("@ConfigMapping without an interface");
            }
            String name = declaration.group(1);
            String root = interfaces.get(name);
            walk(prefix, root, root, false, false, false, name, found);
        }
        return found;
    }

    private void walk(String prefix, String body, String root, boolean inEntry, boolean optionalGroup, boolean viaMapKey,
                      String mapping,
                      List<MappedProperty> out) {
        Map<String, String> scope = new java.util.HashMap<>(interfaces);
        scope.putAll(JavaSource.interfaces(root));
        scope.putAll(JavaSource.interfaces(body));
        for (JavaSource.Member member : JavaSource.members(body)) {
            Map<String, String> a = member.annotations();
            String segment = a.containsKey("WithParentName") ? ""
                    : a.containsKey("WithName") ? JavaSource.stringArguments(a.get("WithName")).get("value")
                    : kebab(member.name());
            String name = join(prefix, segment);
            String defaultValue = a.containsKey("WithDefault")
                    ? JavaSource.stringArguments(a.get("WithDefault")).getOrDefault("value", "") : null;
            String meaning = JavaSource.javadocText(member.javadoc());

            Type type = Type.parse(member.type());
            boolean optional = false;
            if (OPTIONALS.contains(type.name())) {
                optional = true;
                if (type.args().isEmpty()) { // OptionalInt and the like
                    out.add(new MappedProperty(name, defaultValue, true, inEntry, viaMapKey, meaning, mapping));
                    continue;
                }
                type = type.args().get(0);
            }
            if (COLLECTIONS.contains(type.name()) && isGroup(type.args().get(0), scope)) {
                walk(name + EnvNames.INDEX, scope.get(type.args().get(0).name()), root, true, false, viaMapKey, mapping,
                        out);
            } else if (type.name().equals("Map")) {
                Type value = type.args().get(1);
                String key = "\"<" + singular(segment) + ">\"";
                if (isGroup(value, scope)) {
                    walk(name + "." + key, scope.get(value.name()), root, true, false, true, mapping, out);
                } else {
                    out.add(new MappedProperty(name + "." + key, defaultValue, true, true, true, meaning, mapping));
                }
            } else if (isGroup(type, scope)) {
                walk(name, scope.get(type.name()), root, inEntry, optional || optionalGroup, viaMapKey, mapping, out);
            } else {
                out.add(new MappedProperty(name, defaultValue, optional || optionalGroup, inEntry, viaMapKey, meaning,
                        mapping));
            }
        }
    }

    private static boolean isGroup(Type type, Map<String, String> scope) {
        return type.args().isEmpty() && scope.containsKey(type.name());
    }

    private static String join(String prefix, String segment) {
        if (segment.isEmpty()) {
            return prefix;
        }
        return prefix.isEmpty() ? segment : prefix + "." + segment;
    }

    private static String singular(String segment) {
        return segment.endsWith("s") ? segment.substring(0, segment.length() - 1) : segment;
    }

    /** SmallRye's default naming: {@code maxInFlightBytes} → {@code max-in-flight-bytes}. */
    static String kebab(String method) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean afterLower = i > 0 && !Character.isUpperCase(method.charAt(i - 1));
                boolean acronymEnd = i > 0 && Character.isUpperCase(method.charAt(i - 1))
                        && i + 1 < method.length() && Character.isLowerCase(method.charAt(i + 1));
                if (afterLower || acronymEnd) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A (possibly generic) type as written: {@code Optional<List<Webhook>>}. */
    record Type(String name, List<Type> args) {

        static Type parse(String text) {
            String t = text.strip();
            int lt = t.indexOf('<');
            if (lt < 0) {
                return new Type(simple(t), List.of());
            }
            List<Type> args = new ArrayList<>();
            int depth = 0;
            int start = lt + 1;
            for (int i = lt + 1; i < t.lastIndexOf('>'); i++) {
                char c = t.charAt(i);
                if (c == '<') {
                    depth++;
                } else if (c == '>') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    args.add(parse(t.substring(start, i)));
                    start = i + 1;
                }
            }
            args.add(parse(t.substring(start, t.lastIndexOf('>'))));
            return new Type(simple(t.substring(0, lt)), args);
        }

        private static String simple(String qualified) {
            String s = qualified.strip().replaceAll("@\\w+\\s*", "").replace("? extends ", "");
            return s.substring(s.lastIndexOf('.') + 1);
        }
    }
}
