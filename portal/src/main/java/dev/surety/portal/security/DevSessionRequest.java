package dev.surety.portal.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The development session cookie's token, to be verified by {@link DevSessionIdentityProvider}. */
public final class DevSessionRequest extends BaseAuthenticationRequest {

    private final String token;

    public DevSessionRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
