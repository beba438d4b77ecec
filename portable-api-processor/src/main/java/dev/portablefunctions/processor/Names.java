package dev.portablefunctions.processor;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Function naming rules at build time: a copy of portable-api's {@code
 * dev.portablefunctions.internal.Names}, because the processor must run without portable-api on its
 * own classpath. portable-api's {@code NamesTest} checks that both give the same answers.
 */
final class Names {

  private static final Pattern VALID = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

  private Names() {}

  /** The default name for a class: its simple name in kebab case. */
  static String kebabCase(String simpleName) {
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

  /** Whether a name is valid: 1 to 63 lower-case letters, digits and hyphens, as the rule says. */
  static boolean isValid(String name) {
    return VALID.matcher(name).matches();
  }

  /** The naming rule, for error messages. */
  static String rule() {
    return "1 to 63 lower-case letters, digits and hyphens, starting with a letter and not ending"
        + " with a hyphen";
  }
}
