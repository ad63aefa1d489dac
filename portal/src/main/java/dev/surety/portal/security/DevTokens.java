package dev.surety.portal.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Development tokens: RS256 JWTs with the claims the services read ({@code groups}, {@code tenant}),
 * signed with the local stack's private key, so the services accept them exactly like an identity
 * provider's. The portal verifies its own cookies with the public half derived from that key.
 */
public final class DevTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The claims the portal needs from a verified token. */
    public record Claims(String subject, String tenant, List<String> groups, Instant expiresAt) {
    }

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String issuer;

    DevTokens(PrivateKey privateKey, PublicKey publicKey, String issuer) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.issuer = issuer;
    }

    /** Loads a PKCS#8 PEM RSA private key; the public key is its CRT modulus and exponent. */
    public static DevTokens load(Path pem, String issuer) throws IOException {
        try {
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(pem).replaceAll("-----[A-Z ]+-----", ""));
            KeyFactory kf = KeyFactory.getInstance("RSA");
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(priv instanceof RSAPrivateCrtKey crt)) {
                throw new IOException(pem + " holds no RSA CRT private key");
            }
            PublicKey pub = kf.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new DevTokens(priv, pub, issuer);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("unreadable private key " + pem + ": " + e.getMessage(), e);
        }
    }

    /** A signed token for a demo user. */
    public String mint(String subject, String tenant, List<String> groups, Duration ttl) {
        Instant now = Instant.now();
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        if (tenant != null) {
            claims.put("tenant", tenant);
        }
        groups.forEach(claims.putArray("groups")::add);
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initSign(privateKey);
            sig.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + b64(sig.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a token this key signed, unexpired and from this issuer; empty otherwise. */
    public Optional<Claims> verify(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Base64.Decoder dec = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(dec.decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initVerify(publicKey);
            sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!sig.verify(dec.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode c = JSON.readTree(dec.decode(parts[1]));
            Instant exp = Instant.ofEpochSecond(c.path("exp").asLong(0));
            if (!issuer.equals(c.path("iss").asText()) || !exp.isAfter(Instant.now())) {
                return Optional.empty();
            }
            List<String> groups = new java.util.ArrayList<>();
            c.path("groups").forEach(g -> groups.add(g.asText()));
            String tenant = c.hasNonNull("tenant") ? c.get("tenant").asText() : null;
            return Optional.of(new Claims(c.path("sub").asText(), tenant, List.copyOf(groups), exp));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
