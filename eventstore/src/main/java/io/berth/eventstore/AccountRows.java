package io.berth.eventstore;

/**
 * The rows of one table that belong to an account, for a reset (ADR 0034). The condition names the
 * account as {@code ?} (every occurrence is bound to it) and is true for every account's rows when the
 * account is null, which is how a reset of everything reads: {@code coalesce(?, account) = account}.
 */
public record AccountRows(String table, String condition) {

    /** The rows whose {@code account} column is the account. */
    public static AccountRows byAccount(String table) {
        return new AccountRows(table, "coalesce(?, account) = account");
    }

    /** The rows whose {@code column} is an ARN in the account (its fifth field). */
    public static AccountRows byArn(String table, String column) {
        return new AccountRows(table, arnInAccount(column));
    }

    /** The condition that {@code column} is an ARN of the account. */
    public static String arnInAccount(String column) {
        return column + " like 'arn:%' and coalesce(?, split_part(" + column + ", ':', 5)) = split_part(" + column
                + ", ':', 5)";
    }

    String delete() {
        return "delete from " + table + " where " + condition;
    }
}
