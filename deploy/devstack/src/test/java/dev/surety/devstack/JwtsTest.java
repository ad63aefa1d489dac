package dev.surety.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtsTest {

    @Test
    void tokenVerifiesWithThePublishedKeyAndCarriesRolesAndTenant() throws Exception {
        Jwts jwts = Jwts.generate();
        String token = jwts.mint("alice", "acme", "customer");
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        var pub = KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(jwts.publicKeyBase64())));
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initVerify(pub);
        sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(sig.verify(Base64.getUrlDecoder().decode(parts[2])));
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"tenant\":\"acme\""), claims);
        assertTrue(claims.contains("\"groups\":[\"customer\"]"), claims);
    }

    @Test
    void keyPairSurvivesARestartOfTheLocalStack(@TempDir Path dir) throws Exception {
        String first = Jwts.loadOrGenerate(dir).publicKeyPem();
        assertTrue(Files.exists(dir.resolve("private-key.pem")));
        assertEquals(first, Jwts.loadOrGenerate(dir).publicKeyPem());
    }
}
