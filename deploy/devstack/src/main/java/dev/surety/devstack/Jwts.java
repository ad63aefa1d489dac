package dev.surety.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A development token issuer: an RSA key pair, and RS256 JWTs with the claims Surety's services
 * read ({@code groups} for roles, {@code tenant}). Production uses any OIDC provider instead; the
 * services only ever see its public key.
 */
public final class Jwts {

    /** Issuer the local stack and tests sign with; services are configured to expect it. */
    public static final String ISSUER = "https://surety.local/devstack";

    private final KeyPair keys;

    private Jwts(KeyPair keys) {
        this.keys = keys;
    }

    /** A fresh key pair held in memory. */
    public static Jwts generate() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return new Jwts(gen.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the key pair from {@code dir}, generating and saving one on first use. */
    public static Jwts loadOrGenerate(Path dir) throws IOException {
        Path priv = dir.resolve("private-key.pem");
        Path pub = dir.resolve("public-key.pem");
        if (Files.exists(priv) && Files.exists(pub)) {
            try {
                KeyFactory kf = KeyFactory.getInstance("RSA");
                PrivateKey pk = kf.generatePrivate(new PKCS8EncodedKeySpec(pemBody(Files.readString(priv))));
                PublicKey pubk = kf.generatePublic(new X509EncodedKeySpec(pemBody(Files.readString(pub))));
                return new Jwts(new KeyPair(pubk, pk));
            } catch (GeneralSecurityException e) {
                throw new IOException("unreadable key pair in " + dir, e);
            }
        }
        Jwts j = generate();
        Files.createDirectories(dir);
        Files.writeString(priv, pem("PRIVATE KEY", j.keys.getPrivate().getEncoded()));
        Files.writeString(pub, j.publicKeyPem());
        return j;
    }

    /** The verification key in PEM, as {@code mp.jwt.verify.publickey} accepts it. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", keys.getPublic().getEncoded());
    }

    /** The verification key as one line of base64 (PEM body), handy for environment variables. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /**
     * A signed token.
     *
     * @param subject user or agent name ({@code sub} and {@code upn})
     * @param tenant  the tenant claim; null for cross-tenant staff
     * @param roles   the {@code groups} claim
     */
    public String mint(String subject, String tenant, List<String> roles, Duration ttl) {
        Instant now = Instant.now();
        StringBuilder claims = new StringBuilder("{");
        claims.append("\"iss\":").append(q(ISSUER));
        claims.append(",\"sub\":").append(q(subject));
        claims.append(",\"upn\":").append(q(subject));
        claims.append(",\"jti\":").append(q(UUID.randomUUID().toString()));
        claims.append(",\"iat\":").append(now.getEpochSecond());
        claims.append(",\"exp\":").append(now.plus(ttl).getEpochSecond());
        if (tenant != null) {
            claims.append(",\"tenant\":").append(q(tenant));
        }
        claims.append(",\"groups\":[")
                .append(roles.stream().map(Jwts::q).collect(Collectors.joining(","))).append("]}");
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initSign(keys.getPrivate());
            sig.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + b64(sig.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String mint(String subject, String tenant, String... roles) {
        return mint(subject, tenant, List.of(roles), Duration.ofHours(12));
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
