package io.breachdrill.account;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The address a request came from. Behind a proxy, set quarkus.http.proxy.proxy-address-forwarding
 * so this is the client's and not the proxy's.
 */
final class ClientAddress {

  private ClientAddress() {}

  static Optional<String> current() {
    if (!Arc.container().requestContext().isActive()) {
      return Optional.empty();
    }
    RoutingContext context = Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
    if (context == null) {
      return Optional.empty();
    }
    SocketAddress remote = context.request().remoteAddress();
    return Optional.ofNullable(remote).map(SocketAddress::hostAddress);
  }
}
