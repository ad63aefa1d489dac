package dev.surety.portal.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DevLoginGuardTest {

    @Test
    void developmentLoginIsRefusedInTheProdProfile() {
        assertThrows(IllegalStateException.class, () -> DevLogin.check(true, List.of("prod")));
        assertThrows(IllegalStateException.class, () -> DevLogin.check(true, List.of("devstack", "prod")));
        assertDoesNotThrow(() -> DevLogin.check(true, List.of("devstack")));
        assertDoesNotThrow(() -> DevLogin.check(false, List.of("prod")));
    }
}
