package io.berth.logs.filter;

import io.berth.logs.filter.FilterPattern.InvalidFilterPatternException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regular expressions filter patterns allow between {@code %} signs. CloudWatch refuses groups, so parentheses
 * are refused here too; everything else is Java's syntax, found anywhere in the text.
 */
final class Regex {

    private Regex() {
    }

    static boolean isRegex(String token) {
        return token.length() >= 2 && token.startsWith("%") && token.endsWith("%");
    }

    static Pattern compile(String token) {
        String body = token.substring(1, token.length() - 1);
        if (body.isEmpty()) {
            throw new InvalidFilterPatternException("the regular expression " + token + " is empty");
        }
        if (body.indexOf('(') >= 0 || body.indexOf(')') >= 0) {
            throw new InvalidFilterPatternException("the regular expression " + token
                    + " uses parentheses, which filter patterns do not support");
        }
        try {
            return Pattern.compile(body);
        } catch (PatternSyntaxException e) {
            throw new InvalidFilterPatternException("the regular expression " + token + " is invalid: "
                    + e.getDescription());
        }
    }
}
