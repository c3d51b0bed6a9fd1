package io.berth.ecs.query;

import java.util.Map;
import java.util.function.Consumer;

/**
 * How one Query-protocol API spells requests and answers (reference: autoscaling-groups.md §1).
 * Auto Scaling ({@code query}): lists as {@code Name.member.N}, answers
 * {@code <OpResponse><OpResult>…</OpResult><ResponseMetadata>}, list items {@code <member>}, errors
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>}. EC2 ({@code ec2}):
 * lists as {@code Name.N}, answers {@code <OpResponse><requestId/>…}, list items {@code <item>},
 * errors {@code <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/>}.
 */
public enum QueryDialect {

    AUTO_SCALING("autoscaling", "2011-01-01", "http://autoscaling.amazonaws.com/doc/2011-01-01/", ".member.",
            "member"),
    EC2("ec2", "2016-11-15", "http://ec2.amazonaws.com/doc/2016-11-15/", ".", "item");

    private final String signingName;
    private final String version;
    private final String namespace;
    private final String listInfix;
    private final String itemName;

    QueryDialect(String signingName, String version, String namespace, String listInfix, String itemName) {
        this.signingName = signingName;
        this.version = version;
        this.namespace = namespace;
        this.listInfix = listInfix;
        this.itemName = itemName;
    }

    /** The SigV4 service name of the API's endpoint ({@code autoscaling}, {@code ec2}). */
    public String signingName() {
        return signingName;
    }

    /** The {@code Version} parameter every request of the API carries. */
    public String version() {
        return version;
    }

    /** What joins a list's name to an item's 1-based index: {@code .member.} or {@code .}. */
    String listInfix() {
        return listInfix;
    }

    /** The element name of a list item in answers: {@code member} or {@code item}. */
    public String itemName() {
        return itemName;
    }

    /** The dialect whose API a request's {@code Version} names, if any. */
    public static java.util.Optional<QueryDialect> ofVersion(String version) {
        for (QueryDialect dialect : values()) {
            if (dialect.version.equals(version)) {
                return java.util.Optional.of(dialect);
            }
        }
        return java.util.Optional.empty();
    }

    /** The dialect of a SigV4 signing name, if any. */
    public static java.util.Optional<QueryDialect> ofSigningName(String name) {
        for (QueryDialect dialect : values()) {
            if (dialect.signingName.equals(name)) {
                return java.util.Optional.of(dialect);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The successful answer to {@code action}: {@code result} fills the result element (Auto Scaling's
     * {@code <ActionResult>}, EC2's response element itself); null for an operation without output.
     */
    public String answer(String action, String requestId, Consumer<Xml> result) {
        Xml response = Xml.root(action + "Response", namespace);
        if (this == EC2) {
            response.add("requestId", requestId);
            if (result != null) {
                result.accept(response);
            }
            return response.write();
        }
        if (result != null) {
            result.accept(response.child(action + "Result"));
        }
        response.child("ResponseMetadata").add("RequestId", requestId);
        return response.write();
    }

    /** The error envelope of this API. */
    public String error(QueryException error, String requestId) {
        if (this == EC2) {
            Xml response = Xml.element("Response");
            response.child("Errors").child("Error").add("Code", error.code()).add("Message", error.getMessage());
            return response.add("RequestID", requestId).write();
        }
        Xml response = Xml.root("ErrorResponse", namespace);
        response.child("Error").add("Type", error.type()).add("Code", error.code())
                .add("Message", error.getMessage());
        return response.add("RequestId", requestId).write();
    }

    /** A request of this API from its decoded form parameters. */
    public QueryRequest request(Map<String, String> parameters) {
        return new QueryRequest(this, parameters, "");
    }
}
