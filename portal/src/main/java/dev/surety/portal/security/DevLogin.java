package dev.surety.portal.security;

import dev.surety.portal.config.PortalConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The local stack's sign-in: the demo users, the signing key, and the guard that refuses to run it in
 * production. Disabled unless {@code surety.portal.dev-login.enabled=true}.
 */
@ApplicationScoped
public class DevLogin {

    private static final Logger LOG = Logger.getLogger(DevLogin.class);

    /** A demo user offered on the login page. */
    @io.quarkus.qute.TemplateData
    public record DemoUser(String name, String role, String tenant) {

        public List<String> groups() {
            return List.of(role);
        }
    }

    private final PortalConfig.DevLogin config;
    private volatile DevTokens tokens;

    public DevLogin(PortalConfig config) {
        this.config = config.devLogin();
    }

    void onStart(@Observes StartupEvent ev) throws IOException {
        List<String> profiles = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getProfiles();
        check(config.enabled(), profiles);
        if (config.enabled()) {
            tokens = DevTokens.load(Path.of(config.privateKeyLocation().orElseThrow(() -> new IllegalStateException(
                    "surety.portal.dev-login.enabled=true needs surety.portal.dev-login.private-key-location"))),
                    config.issuer());
            LOG.warnf("Development login is ON (profiles %s): anyone reaching this portal can sign in as a demo user", profiles);
        }
    }

    /** Development login must never run in the prod profile, whatever the other settings say. */
    static void check(boolean enabled, List<String> profiles) {
        if (enabled && profiles.contains("prod")) {
            throw new IllegalStateException("surety.portal.dev-login.enabled=true is refused in the prod profile; "
                    + "start the portal with QUARKUS_PROFILE=devstack (local stack) or configure OIDC");
        }
    }

    public boolean enabled() {
        return config.enabled() && tokens != null;
    }

    public String cookieName() {
        return config.cookieName();
    }

    public PortalConfig.DevLogin config() {
        return config;
    }

    public List<DemoUser> users() {
        List<DemoUser> out = new ArrayList<>();
        for (String u : config.users()) {
            List<String> p = Arrays.stream(u.split(":")).map(String::trim).toList();
            if (p.size() >= 2 && !p.get(0).isEmpty()) {
                out.add(new DemoUser(p.get(0), p.get(1), p.size() > 2 && !p.get(2).isEmpty() ? p.get(2) : null));
            }
        }
        return out;
    }

    public Optional<DemoUser> user(String name) {
        return users().stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** A session token for a demo user. */
    public String mint(DemoUser user) {
        return tokens.mint(user.name(), user.tenant(), user.groups(), config.sessionTtl());
    }

    public Optional<DevTokens.Claims> verify(String token) {
        DevTokens t = tokens;
        return t == null || !config.enabled() ? Optional.empty() : t.verify(token);
    }
}
