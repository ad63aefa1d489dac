package dev.surety.deploy.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The environment variables one deployment gives a Surety service's container.
 *
 * @param service    the Surety service (module name)
 * @param where      the deployment file and the entry in it, for messages
 * @param variables  each variable set, with where it comes from ({@code env}, {@code ConfigMap x}, ...)
 * @param referenced variables named as {@code $(NAME)} in other values (Kubernetes dependent variables):
 *                   they exist to be referenced, not to be read by the service
 */
public record ContainerEnvironment(String service, String where, Map<String, String> variables, Set<String> referenced) {

    public ContainerEnvironment {
        variables = new TreeMap<>(variables);
        referenced = new TreeSet<>(referenced);
    }

    /** The same container with what another file (an overlay, a patch, an override file) adds. */
    ContainerEnvironment plus(ContainerEnvironment more) {
        Map<String, String> v = new TreeMap<>(variables);
        more.variables.forEach(v::putIfAbsent);
        Set<String> r = new TreeSet<>(referenced);
        r.addAll(more.referenced);
        return new ContainerEnvironment(service, where, v, r);
    }

    /** The Surety service an image or a name stands for, or {@code null}: {@code surety/portal:1} → portal. */
    static String serviceOf(String name, Object image) {
        if (ServiceConfiguration.SERVICES.contains(name)) {
            return name;
        }
        if (image instanceof String i) {
            for (String service : ServiceConfiguration.SERVICES) {
                if (i.matches("(.*/)?" + service + "(:.*|@.*)?")) {
                    return service;
                }
            }
        }
        return null;
    }
}
