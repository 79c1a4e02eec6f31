package io.breachdrill.account;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The first admin, from BREACHDRILL_ADMIN_EMAIL and BREACHDRILL_ADMIN_PASSWORD. Read only while
 * there are no users; without them the one-time /setup page creates the first admin.
 */
@ConfigMapping(prefix = "breachdrill.admin")
public interface AdminConfig {

  Optional<String> email();

  Optional<String> password();
}
