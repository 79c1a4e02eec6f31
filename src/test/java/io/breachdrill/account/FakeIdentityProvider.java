package io.breachdrill.account;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/**
 * A minimal OpenID Connect provider on a local port, for the single sign-on test: discovery, keys,
 * an authorization endpoint that approves at once and a token endpoint that signs an ID token. Who
 * signs in is chosen by the test, with {@code email} and {@code verified} parameters added to the
 * authorization request, and travels inside the code.
 */
public class FakeIdentityProvider implements QuarkusTestResourceLifecycleManager {

  static final String CLIENT_ID = "breachdrill";
  static final String SECRET = "test-client-secret";

  private HttpServer server;
  private RsaJsonWebKey key;
  private String issuer;

  @Override
  public Map<String, String> start() {
    try {
      key = RsaJwkGenerator.generateJwk(2048);
      key.setKeyId("test-key");
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
    server.createContext("/realm/.well-known/openid-configuration", this::discovery);
    server.createContext("/realm/keys", this::keys);
    server.createContext("/realm/authorize", this::authorize);
    server.createContext("/realm/token", this::token);
    server.start();
    return Map.of(
        "quarkus.oidc.tenant-enabled", "true",
        "quarkus.oidc.auth-server-url", issuer,
        "quarkus.oidc.client-id", CLIENT_ID,
        "quarkus.oidc.credentials.secret", SECRET);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private void discovery(HttpExchange exchange) throws IOException {
    json(
        exchange,
        200,
        "{\"issuer\":\""
            + issuer
            + "\","
            + "\"authorization_endpoint\":\""
            + issuer
            + "/authorize\","
            + "\"token_endpoint\":\""
            + issuer
            + "/token\","
            + "\"jwks_uri\":\""
            + issuer
            + "/keys\","
            + "\"response_types_supported\":[\"code\"],"
            + "\"subject_types_supported\":[\"public\"],"
            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
  }

  private void keys(HttpExchange exchange) throws IOException {
    json(exchange, 200, new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
  }

  /** Approves at once: back to the app with a code that carries who signed in. */
  private void authorize(HttpExchange exchange) throws IOException {
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    String code =
        Base64.getUrlEncoder()
            .encodeToString(
                (query.get("email")
                        + "\n"
                        + query.getOrDefault("verified", "true")
                        + "\n"
                        + query.getOrDefault("nonce", ""))
                    .getBytes(StandardCharsets.UTF_8));
    String back =
        query.get("redirect_uri")
            + "?code="
            + code
            + "&state="
            + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Location", back);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private void token(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String[] who =
        new String(Base64.getUrlDecoder().decode(form(body).get("code")), StandardCharsets.UTF_8)
            .split("\n", -1);
    try {
      JwtClaims claims = new JwtClaims();
      claims.setIssuer(issuer);
      claims.setAudience(CLIENT_ID);
      claims.setSubject("subject-" + who[0]);
      claims.setIssuedAtToNow();
      claims.setExpirationTimeMinutesInTheFuture(5);
      claims.setClaim("email", who[0]);
      claims.setClaim("email_verified", Boolean.parseBoolean(who[1]));
      if (!who[2].isEmpty()) {
        claims.setClaim("nonce", who[2]);
      }
      JsonWebSignature jws = new JsonWebSignature();
      jws.setPayload(claims.toJson());
      jws.setKey(key.getPrivateKey());
      jws.setKeyIdHeaderValue(key.getKeyId());
      jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
      json(
          exchange,
          200,
          "{\"access_token\":\"opaque-access-token\",\"token_type\":\"Bearer\",\"expires_in\":300,"
              + "\"id_token\":\""
              + jws.getCompactSerialization()
              + "\"}");
    } catch (Exception e) {
      json(exchange, 500, "{\"error\":\"" + e.getMessage() + "\"}");
    }
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> values = new HashMap<>();
    if (encoded == null) {
      return values;
    }
    for (String pair : encoded.split("&")) {
      String[] parts = pair.split("=", 2);
      values.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return values;
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
