package io.berth.cql;

/**
 * Decimal numbers ({@code -?digits(.digits)?}) compared by value in place on the strings, for
 * ordering operators on attributes: {@code attribute:disk-gb > 9} must hold for {@code 10}.
 */
final class Decimals {

    private Decimals() {
    }

    static boolean isDecimal(String s) {
        int i = !s.isEmpty() && s.charAt(0) == '-' ? 1 : 0;
        int end = Versions.digits(s, i);
        if (end == i) {
            return false;
        }
        if (end < s.length() && s.charAt(end) == '.') {
            int fraction = Versions.digits(s, end + 1);
            return fraction > end + 1 && fraction == s.length();
        }
        return end == s.length();
    }

    /** Compares two strings that {@link #isDecimal} accepts; {@code -0 == 0 == 0.00}. */
    static int compare(String a, String b) {
        int signA = sign(a);
        int signB = sign(b);
        if (signA != signB || signA == 0) {
            return Integer.compare(signA, signB);
        }
        int magnitude = compareMagnitudes(a, b);
        return signA < 0 ? -magnitude : magnitude;
    }

    private static int sign(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '1' && c <= '9') {
                return s.charAt(0) == '-' ? -1 : 1;
            }
        }
        return 0;
    }

    private static int compareMagnitudes(String a, String b) {
        int startA = a.charAt(0) == '-' ? 1 : 0;
        int startB = b.charAt(0) == '-' ? 1 : 0;
        int pointA = Versions.digits(a, startA);
        int pointB = Versions.digits(b, startB);
        int c = Versions.compareNumbers(a, startA, pointA, b, startB, pointB);
        if (c != 0) {
            return c;
        }
        int fractionA = pointA + 1;
        int fractionB = pointB + 1;
        while (fractionA < a.length() || fractionB < b.length()) {
            char digitA = fractionA < a.length() ? a.charAt(fractionA++) : '0';
            char digitB = fractionB < b.length() ? b.charAt(fractionB++) : '0';
            if (digitA != digitB) {
                return Character.compare(digitA, digitB);
            }
        }
        return 0;
    }
}
