package io.berth.cql;

import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;

/**
 * Reads the tokens of a cluster query. The language is context-sensitive ({@code !} is "not" in
 * front of a predicate but starts {@code !=}, {@code !in} or {@code !exists} after a subject, and
 * a bare value may contain {@code *}, {@code :} or {@code =}), so the parser asks for the kind of
 * token it expects next rather than consuming a uniform token stream.
 *
 * <p>Positions are 0-based internally; {@link #error} reports them 1-based.
 */
final class Lexer {

    /** One token: its text (unquoted for a quoted value) and where it starts. */
    record Token(String text, int start) {
    }

    private final String text;
    private int pos;

    Lexer(String text) {
        this.text = text;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    /** Consumes {@code symbol} if the input continues with it. */
    boolean tryConsume(String symbol) {
        if (text.startsWith(symbol, pos)) {
            pos += symbol.length();
            return true;
        }
        return false;
    }

    /** Consumes the keyword if it is the whole next word ({@code and}, but not {@code android}). */
    boolean tryKeyword(String keyword) {
        int end = pos + keyword.length();
        if (text.startsWith(keyword, pos) && (end >= text.length() || !isNameChar(text.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    /** A word: letters, digits and {@code _ . - / \ :}, as in subjects, attribute names and keywords. */
    Token readWord() {
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) {
            pos++;
        }
        return new Token(text.substring(start, pos), start);
    }

    /**
     * An operator in symbol or word form, or {@code null} when nothing operator-like follows. The
     * returned text may still name no operator ({@code =}, {@code !foo}); the parser judges that.
     */
    Token readOperator() {
        if (atEnd()) {
            return null;
        }
        int start = pos;
        char c = text.charAt(pos);
        if (c == '=' || c == '!' || c == '<' || c == '>') {
            char next = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
            if (next == '=' || (next == '~' && (c == '=' || c == '!'))) {
                pos += 2;
            } else if (c == '!' && Character.isLetter(next)) {
                pos++;
                readWord();
            } else {
                pos++;
            }
            return new Token(text.substring(start, pos), start);
        }
        if (Character.isLetter(c)) {
            return readWord();
        }
        return null;
    }

    /**
     * A value: quoted with {@code '} or {@code "} (no escapes; the other quote may appear inside),
     * or bare, ending at whitespace, one of {@code ( ) [ ] , ' "}, or {@code &&} / {@code ||}.
     * {@code null} when no value starts here.
     */
    Token readValue() {
        if (atEnd()) {
            return null;
        }
        int start = pos;
        char c = text.charAt(pos);
        if (c == '\'' || c == '"') {
            int close = text.indexOf(c, pos + 1);
            if (close < 0) {
                throw error(start, "unterminated quoted value; expected a closing " + c);
            }
            pos = close + 1;
            return new Token(text.substring(start + 1, close), start);
        }
        while (pos < text.length() && isBareChar(pos)) {
            pos++;
        }
        return pos == start ? null : new Token(text.substring(start, pos), start);
    }

    /** {@code ", found 'x'"} describing what is at {@code at}, or nothing at the end of the input. */
    String found(int at) {
        if (at >= text.length()) {
            return "";
        }
        int end = at;
        char c = text.charAt(at);
        if (Character.isWhitespace(c)) {
            return ", found whitespace";
        }
        if (isNameChar(c)) {
            while (end < text.length() && isNameChar(text.charAt(end))) {
                end++;
            }
        } else if ("()[],'\"".indexOf(c) >= 0) {
            end = at + 1;
        } else {
            while (end < text.length() && isSymbolChar(text.charAt(end))) {
                end++;
            }
        }
        return ", found '" + text.substring(at, end) + "'";
    }

    static EcsException error(int position, String message) {
        return EcsErrors.invalidParameter(
                "Invalid cluster query at position " + (position + 1) + ": " + message + ".");
    }

    private boolean isBareChar(int at) {
        char c = text.charAt(at);
        if (Character.isWhitespace(c) || "()[],'\"".indexOf(c) >= 0) {
            return false;
        }
        boolean doubled = at + 1 < text.length() && text.charAt(at + 1) == c;
        return !((c == '&' || c == '|') && doubled);
    }

    private static boolean isSymbolChar(char c) {
        return !Character.isWhitespace(c) && !isNameChar(c) && "()[],'\"".indexOf(c) < 0;
    }

    static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '/' || c == '\\'
                || c == ':';
    }
}
