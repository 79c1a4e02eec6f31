package io.breachdrill.account;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes sure a new installation can be entered without a default password: the first admin comes
 * from the environment, or from the one-time set-up page; dev mode seeds demo users.
 */
@ApplicationScoped
class AccountsStartup {

  /** Runs before other start-up work that needs users, such as demo drills. */
  static final int PRIORITY = 2000;

  private static final Logger LOG = Logger.getLogger(AccountsStartup.class);

  private final UserAdmin users;
  private final AdminConfig admin;
  private final boolean demoData;

  AccountsStartup(
      UserAdmin users,
      AdminConfig admin,
      @ConfigProperty(name = "breachdrill.demo-data", defaultValue = "false") boolean demoData) {
    this.users = users;
    this.admin = admin;
    this.demoData = demoData;
  }

  void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
    if (usersExist()) {
      return;
    }
    if (admin.email().isPresent() || admin.password().isPresent()) {
      createAdminFromEnvironment();
    } else if (demoData) {
      QuarkusTransaction.requiringNew().run(this::seedDemoUsers);
    } else {
      LOG.info(
          "No users yet: open /setup to create the first admin, or set "
              + "BREACHDRILL_ADMIN_EMAIL and BREACHDRILL_ADMIN_PASSWORD.");
    }
  }

  private void createAdminFromEnvironment() {
    String email =
        admin
            .email()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "BREACHDRILL_ADMIN_PASSWORD is set but BREACHDRILL_ADMIN_EMAIL is not."));
    String password =
        admin
            .password()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "BREACHDRILL_ADMIN_EMAIL is set but BREACHDRILL_ADMIN_PASSWORD is not."));
    try {
      users.createFirstAdmin(email, "Administrator", password, "environment");
      LOG.infof("Created the first admin %s from the environment.", User.normalizeEmail(email));
    } catch (RuntimeException refused) {
      // Nodes of a new installation start together and all find no users; one of them wins.
      if (usersExist()) {
        LOG.info("Another node created the first admin at the same time; this node uses it.");
        return;
      }
      if (refused instanceof UserChange) {
        throw new IllegalStateException(
            "Cannot create the first admin from BREACHDRILL_ADMIN_EMAIL and "
                + "BREACHDRILL_ADMIN_PASSWORD: "
                + refused.getMessage(),
            refused);
      }
      throw refused;
    }
  }

  /**
   * Plain SQL rather than HQL: this runs on every start, and a JVM's first HQL query spends a few
   * hundred milliseconds setting up the query parser, better spent after the node is ready.
   */
  private static boolean usersExist() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                !User.getEntityManager()
                    .createNativeQuery("SELECT 1 FROM app_user")
                    .setMaxResults(1)
                    .getResultList()
                    .isEmpty());
  }

  /** The demo accounts the README lists; only ever created when breachdrill.demo-data is on. */
  private void seedDemoUsers() {
    for (DemoUser demo : DemoUser.values()) {
      users.seed(demo.email, demo.displayName, EnumSet.of(demo.role), demo.password);
    }
    LOG.info(
        "Seeded demo users (see README): admin@example.com, facilitator@example.com, "
            + "evaluator@example.com, manager@example.com.");
  }

  /** Demo accounts for dev mode; their passwords are in the README. */
  enum DemoUser {
    ADMIN("admin@example.com", "Ada Admin", Role.ADMIN, "demo-admin-password"),
    FACILITATOR(
        "facilitator@example.com",
        "Fran Facilitator",
        Role.FACILITATOR,
        "demo-facilitator-password"),
    EVALUATOR("evaluator@example.com", "Eve Evaluator", Role.EVALUATOR, "demo-evaluator-password"),
    MANAGER("manager@example.com", "Max Manager", Role.MANAGER, "demo-manager-password");

    final String email;
    final String displayName;
    final Role role;
    final String password;

    DemoUser(String email, String displayName, Role role, String password) {
      this.email = email;
      this.displayName = displayName;
      this.role = role;
      this.password = password;
    }
  }
}
