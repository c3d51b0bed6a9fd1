package io.berth.logs.filter;

import java.util.regex.Pattern;

/** Values with {@code *} wildcards, matched as a whole: {@code 4*}, {@code *Exception}, {@code us-*-1}. */
final class Wildcards {

    private Wildcards() {
    }

    static Pattern toRegex(String value) {
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (int star = value.indexOf('*'); star >= 0; star = value.indexOf('*', from)) {
            regex.append(Pattern.quote(value.substring(from, star))).append(".*");
            from = star + 1;
        }
        regex.append(Pattern.quote(value.substring(from)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
