package io.breachdrill.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Hashes and checks passwords with bcrypt, and says what is wrong with a weak one. */
@ApplicationScoped
public class Passwords {

  static final int MIN_LENGTH = 12;

  /** bcrypt reads no further than 72 bytes; longer passwords would be silently cut. */
  static final int MAX_BYTES = 72;

  private final int cost;

  /** Checked when the account is unknown, so that answer takes as long as a wrong password. */
  private final String decoy;

  Passwords(LoginConfig config) {
    this.cost = config.bcryptCost();
    this.decoy = BcryptUtil.bcryptHash("decoy password for unknown accounts", cost);
  }

  public String hash(String password) {
    return BcryptUtil.bcryptHash(password, cost);
  }

  /** Whether the password matches; a missing hash never matches but takes the same time. */
  public boolean matches(String password, String hash) {
    if (password == null || hash == null) {
      BcryptUtil.matches(password == null ? "" : password, decoy);
      return false;
    }
    return BcryptUtil.matches(password, hash);
  }

  /** What is wrong with a new password, in words for the person choosing it. */
  public static Optional<String> problem(String password) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
      return Optional.of("Choose a password of at least " + MIN_LENGTH + " characters.");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return Optional.of("Choose a password of at most " + MAX_BYTES + " bytes (letters).");
    }
    if (password.isBlank()) {
      return Optional.of("A password cannot be only spaces.");
    }
    return Optional.empty();
  }
}
