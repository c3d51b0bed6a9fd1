package io.berth.agent.awslogs;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code awslogs-datetime-format}: a strftime format turned into the regular expression a line that starts a new
 * event matches, as Docker's awslogs driver turns it (the same directives).
 */
final class Strftime {

    private static final Map<Character, String> DIRECTIVES = Map.ofEntries(
            Map.entry('a', "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"),
            Map.entry('A', "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"),
            Map.entry('b', "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
            Map.entry('B', "(?:January|February|March|April|May|June|July|August|September|October|November"
                    + "|December)"),
            Map.entry('c', "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                    + " \\d{1,2} \\d{2}:\\d{2}:\\d{2} \\d{4}"),
            Map.entry('d', "(?:0[1-9]|[1,2][0-9]|3[0,1])"),
            Map.entry('f', "\\d{6}"),
            Map.entry('H', "(?:2[0-3]|[0,1][0-9])"),
            Map.entry('I', "(?:0[0-9]|1[0-2])"),
            Map.entry('j', "(?:0[0-9][1-9]|[1,2][0-9][0-9]|3[0-5][0-9]|36[0-6])"),
            Map.entry('L', "\\.\\d{3}"),
            Map.entry('m', "(?:1[0-2]|0[1-9])"),
            Map.entry('M', "[0-5][0-9]"),
            Map.entry('p', "[A,P]M"),
            Map.entry('S', "[0-5][0-9]"),
            Map.entry('y', "\\d{2}"),
            Map.entry('Y', "\\d{4}"),
            Map.entry('z', "[+-]\\d{4}"),
            Map.entry('Z', "[A-Z]{3,4}"));

    private Strftime() {
    }

    static String toRegex(String format) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length()) {
                char directive = format.charAt(++i);
                String part = directive == '%' ? "%" : DIRECTIVES.get(directive);
                if (part == null) {
                    throw new IllegalArgumentException("awslogs-datetime-format has an unknown directive %"
                            + directive);
                }
                regex.append(part);
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
