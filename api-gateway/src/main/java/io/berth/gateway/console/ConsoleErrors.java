package io.berth.gateway.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A page that cannot be shown says why, as a page, with the status that fits. */
@Provider
public class ConsoleErrors implements ExceptionMapper<ConsoleException> {

    @CheckedTemplate(basePath = "console")
    static class Templates {

        static native TemplateInstance error(int status, String message);
    }

    @Override
    public Response toResponse(ConsoleException e) {
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(e.status(), e.getMessage()).render()).build();
    }
}
