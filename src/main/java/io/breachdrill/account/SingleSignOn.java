package io.breachdrill.account;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Whether sign-in through the company's OpenID Connect provider is configured. */
@ApplicationScoped
public class SingleSignOn {

  private final boolean enabled;

  SingleSignOn(
      @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false")
          boolean enabled) {
    this.enabled = enabled;
  }

  public boolean enabled() {
    return enabled;
  }
}
