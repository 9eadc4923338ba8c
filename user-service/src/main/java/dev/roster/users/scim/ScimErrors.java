package dev.roster.users.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** SCIM's error response (RFC 7644, 3.12): {@code urn:ietf:params:scim:api:messages:2.0:Error}, as application/scim+json. */
final class ScimErrors {

    static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final MediaType SCIM_JSON = MediaType.parseMediaType("application/scim+json");

    private ScimErrors() {
    }

    static Map<String, Object> body(HttpStatus status, String scimType, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(SCHEMA));
        body.put("status", String.valueOf(status.value()));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        return body;
    }

    /** Writes the error straight to the exchange (the security chain's refusals, before any controller). */
    static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String scimType, String detail) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(SCIM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set("WWW-Authenticate", "Bearer realm=\"scim\"");
        }
        byte[] json = JsonMapper.shared().writeValueAsBytes(body(status, scimType, detail));
        DataBuffer buffer = response.bufferFactory().wrap(json);
        return response.writeWith(Mono.just(buffer));
    }
}
