package io.breachdrill.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A request that stays in flight until the test lets it go, to fill a node's admission bound. */
@Path("/test-only/slow")
@PermitAll
public class SlowProbe {

  private static volatile CountDownLatch entered = new CountDownLatch(0);
  private static volatile CountDownLatch release = new CountDownLatch(0);

  static void hold() {
    entered = new CountDownLatch(1);
    release = new CountDownLatch(1);
  }

  static boolean awaitEntered() throws InterruptedException {
    return entered.await(10, TimeUnit.SECONDS);
  }

  static void release() {
    release.countDown();
  }

  @GET
  public String answer() throws InterruptedException {
    entered.countDown();
    return release.await(30, TimeUnit.SECONDS) ? "answered" : "timed out";
  }
}
