package dev.portablefunctions.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Function naming rules, shared by the index processor and the run-time registry. */
public final class Names {

  private static final Pattern VALID = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

  private Names() {}

  /**
   * Returns the default name for a class: its simple name in kebab case ({@code EchoHttp} becomes
   * {@code echo-http}, {@code S3Copy} becomes {@code s3-copy}, {@code HTTPProxy} becomes {@code
   * http-proxy}).
   *
   * @param simpleName a class's simple name
   * @return the kebab-case name
   */
  public static String kebabCase(String simpleName) {
    StringBuilder out = new StringBuilder(simpleName.length() + 4);
    for (int i = 0; i < simpleName.length(); i++) {
      char c = simpleName.charAt(i);
      if (c == '_' || c == '$') {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '-') {
          out.append('-');
        }
        continue;
      }
      if (Character.isUpperCase(c) && i > 0) {
        char previous = simpleName.charAt(i - 1);
        boolean nextIsLower =
            i + 1 < simpleName.length() && Character.isLowerCase(simpleName.charAt(i + 1));
        if ((Character.isLowerCase(previous) || Character.isDigit(previous))
            || (Character.isUpperCase(previous) && nextIsLower)) {
          if (out.length() > 0 && out.charAt(out.length() - 1) != '-') {
            out.append('-');
          }
        }
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Tells whether a name is valid: 1 to 63 lower-case letters, digits and hyphens, starting with a
   * letter and not ending with a hyphen.
   *
   * @param name the name
   * @return whether it is valid
   */
  public static boolean isValid(String name) {
    return VALID.matcher(name).matches();
  }

  /**
   * Explains the naming rule, for error messages.
   *
   * @return the rule
   */
  public static String rule() {
    return "1 to 63 lower-case letters, digits and hyphens, starting with a letter and not ending"
        + " with a hyphen";
  }
}
