package io.breachdrill.account;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The token from a session cookie, to be turned into an identity. */
final class SessionRequest extends BaseAuthenticationRequest {

  private final String token;

  SessionRequest(String token) {
    this.token = token;
  }

  String token() {
    return token;
  }
}
