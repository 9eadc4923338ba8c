package dev.roster.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Talks to the running gateway over HTTP, as a client of Roster would. */
final class GatewayClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    GatewayClient(int port) {
        this.base = "http://localhost:" + port + "/api/v1";
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String token, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart upload of one file in the part {@code file}. */
    HttpResponse<String> upload(String path, String token, String fileName, byte[] content)
            throws IOException, InterruptedException {
        String boundary = "roster-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> download(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A download that sends back the Roster-Consistency token of the caller's last write (read-your-writes). */
    HttpResponse<byte[]> download(String path, String token, String consistency) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Roster-Consistency", consistency).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A SCIM request ({@code /scim/v2}) with an identity provider's SCIM token. */
    HttpResponse<String> scim(String method, String path, String scimToken, String json)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base.replace("/api/v1", "/scim/v2") + path))
                .header("Authorization", "Bearer " + scimToken).header("Content-Type", "application/scim+json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> signIn(String account, String login, String password) throws IOException, InterruptedException {
        return post("/auth/sign-in", null, "{\"account\":\"%s\",\"login\":\"%s\",\"password\":\"%s\"}"
                .formatted(account, login, password));
    }

    String token(String account, String login, String password) throws IOException, InterruptedException {
        return field(signIn(account, login, password).body(), "accessToken");
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new AssertionError("No " + name + " in " + json);
        }
        return matcher.group(1);
    }
}
