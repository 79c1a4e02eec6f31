package io.breachdrill.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What single sign-on lets in: only enabled accounts whose email the provider verified. */
@QuarkusTest
class SingleSignOnTest {

  @Inject LoginService logins;

  @Test
  void aVerifiedEmailOfAnEnabledAccountSignsIn() {
    TestAccounts.Account eve = TestAccounts.staff(Role.EVALUATOR);
    assertThat(logins.signInVerified(eve.email().toUpperCase(), true))
        .hasValueSatisfying(user -> assertThat(user.id).isEqualTo(eve.id()));
    AuditEntry entry =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    AuditEntry.<AuditEntry>find(
                            "action = ?1 and subject = ?2 order by id desc",
                            AuditAction.LOGIN_SUCCEEDED,
                            eve.email())
                        .firstResult());
    assertThat(entry.detail).isEqualTo("single sign-on");
  }

  @Test
  void unverifiedUnknownAndDisabledAccountsAreRefused() {
    TestAccounts.Account max = TestAccounts.staff(Role.MANAGER);
    TestAccounts.Account gone = TestAccounts.staff(Role.MANAGER);
    QuarkusTransaction.requiringNew().run(() -> User.<User>findById(gone.id()).enabled = false);

    assertThat(logins.signInVerified(max.email(), false)).as("email not verified").isEmpty();
    assertThat(logins.signInVerified("stranger-" + UUID.randomUUID() + "@example.com", true))
        .isEmpty();
    assertThat(logins.signInVerified(gone.email(), true)).isEmpty();
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(
                    () ->
                        AuditEntry.count(
                            "action = ?1 and subject = ?2", AuditAction.LOGIN_FAILED, max.email())))
        .isEqualTo(1);
  }
}
