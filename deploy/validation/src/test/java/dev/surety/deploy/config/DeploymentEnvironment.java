package dev.surety.deploy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The check of what deployments give the services against what the services read: every variable
 * set is one the service reads (no typos, no dead settings), and each variable whose default only
 * suits a laptop is set.
 */
public final class DeploymentEnvironment {

    /**
     * Variables a password may come from besides its own: a properties file named in
     * {@code SMALLRYE_CONFIG_LOCATIONS} (a mounted secret) can hold it.
     */
    private static final List<String> SECRET_VARIABLES = List.of("SURETY_DB_PASSWORD", "QUARKUS_DATASOURCE_PASSWORD");

    private DeploymentEnvironment() {
    }

    /** Variables set that the service does not read. */
    public static List<String> unread(List<ContainerEnvironment> containers) {
        List<String> problems = new ArrayList<>();
        for (ContainerEnvironment c : containers) {
            ServiceConfiguration.EnvironmentVariables reads = ServiceConfiguration.environmentVariables(c.service());
            c.variables().forEach((name, origin) -> {
                if (!reads.contains(name) && !c.referenced().contains(name)) {
                    problems.add(c.where() + ": " + name + " (" + origin + ") is not read by " + c.service()
                            + " — a typo or a dead setting; see docs/configuration.md#" + c.service());
                }
            });
        }
        return problems;
    }

    /** Services missing from the deployment, and production-required variables a service is not given. */
    public static List<String> missing(List<ContainerEnvironment> containers) {
        List<String> problems = new ArrayList<>();
        Map<String, ContainerEnvironment> byService = new TreeMap<>();
        containers.forEach(c -> byService.merge(c.service(), c, ContainerEnvironment::plus));
        for (String service : ServiceConfiguration.SERVICES) {
            ContainerEnvironment c = byService.get(service);
            if (c == null) {
                problems.add(service + " is not deployed");
                continue;
            }
            for (List<String> required : ServiceConfiguration.productionRequired(service)) {
                boolean set = required.stream().anyMatch(c.variables()::containsKey)
                        || SECRET_VARIABLES.contains(required.get(0)) && c.variables().containsKey("SMALLRYE_CONFIG_LOCATIONS");
                if (!set) {
                    Setting s = ServiceConfiguration.settings(service).stream()
                            .filter(x -> required.get(0).equals(x.env())).findFirst().orElseThrow();
                    problems.add(c.where() + ": " + service + " is not given " + String.join(" or ", required)
                            + " (default " + s.defaultValue() + " only suits a laptop)");
                }
            }
        }
        return problems;
    }
}
