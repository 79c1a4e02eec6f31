package io.breachdrill.account;

import java.util.regex.Pattern;

/** Where to go after signing in: only a path on this site, never another site. */
final class LocalPath {

  private static final Pattern SAFE = Pattern.compile("/(?![/\\\\])[\\x21-\\x7e]*");

  private LocalPath() {}

  static String orHome(String next) {
    return next != null && SAFE.matcher(next).matches() ? next : "/";
  }
}
