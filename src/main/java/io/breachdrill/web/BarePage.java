package io.breachdrill.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An error page that needs no one signed in and no database, for answers given before any resource
 * runs (a body over the size limit, a form without its CSRF token).
 */
@ApplicationScoped
class BarePage {

  private final Template page;

  BarePage(@Location("bare.html") Template page) {
    this.page = page;
  }

  String render(int status, String title, String detail) {
    return page.data("status", status).data("title", title).data("detail", detail).render();
  }
}
