package dev.roster.imports.support;

import dev.roster.events.EventEnvelope;
import dev.roster.events.RosterEvent;
import dev.roster.events.user.AccountChanged;
import dev.roster.events.user.DepartmentChanged;
import dev.roster.events.user.GroupChanged;
import dev.roster.events.user.GroupMembersChanged;
import dev.roster.events.user.UserCreated;
import dev.roster.events.user.UserProfile;
import dev.roster.events.user.UserStatus;
import dev.roster.imports.directory.DirectoryRepository;
import dev.roster.platform.security.Permission;
import dev.roster.testing.TestJwtIssuer;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Accounts for import tests: users and departments enter the directory through the same code the
 * {@code roster.users.v1} listener runs; an administrator with {@code USERS_IMPORT_EXPORT} uploads files.
 */
@TestComponent
public class Accounts {

    private final DirectoryRepository directory;
    private final TestJwtIssuer tokens;
    private final WebTestClient http;

    Accounts(DirectoryRepository directory, TestJwtIssuer tokens, WebTestClient http) {
        this.directory = directory;
        this.tokens = tokens;
        this.http = http;
    }

    public Account create() {
        UUID accountId = UUID.randomUUID();
        UUID adminId = UUID.randomUUID();
        return new Account(accountId, adminId, tokens.token(adminId, accountId, Permission.USERS_IMPORT_EXPORT));
    }

    public String token(Account account, Permission... permissions) {
        return tokens.token(UUID.randomUUID(), account.id(), permissions);
    }

    /** The account's seat limit and owner, as user-service announces them. */
    public void seats(Account account, int seatLimit, UUID ownerId) {
        apply(account, account.id(), new AccountChanged(account.id(), "acme", "Acme", "Europe/Berlin", seatLimit, ownerId));
    }

    /** A group ({@code STATIC} or {@code SMART}) with, for a static one, its members. */
    public UUID group(Account account, String name, String kind, UUID... members) {
        UUID id = UUID.randomUUID();
        apply(account, id, new GroupChanged(id, name, kind, null));
        if (members.length > 0) {
            apply(account, id, new GroupMembersChanged(id, List.of(members), List.of(), null));
        }
        return id;
    }

    public UUID department(Account account, UUID parentId, String name, String path) {
        UUID id = UUID.randomUUID();
        apply(account, id, new DepartmentChanged(id, parentId, name, path, List.of(), null));
        return id;
    }

    public UUID user(Account account, String login, UserStatus status, UUID departmentId, UUID supervisorId) {
        UUID id = UUID.randomUUID();
        apply(account, id, new UserCreated(new UserProfile(id, login, login + "@example.com", "First " + login,
                "Last " + login, status, status == UserStatus.EMPLOYMENT_ENDED ? LocalDate.of(2026, 10, 31) : null,
                departmentId, supervisorId, "Engineer", "en", List.of(), "+49 30 " + Math.abs(login.hashCode() % 10000)),
                null));
        return id;
    }

    private void apply(Account account, UUID subject, RosterEvent event) {
        @SuppressWarnings("unchecked")
        EventEnvelope<RosterEvent> envelope = (EventEnvelope<RosterEvent>) (EventEnvelope<?>) EventEnvelope.of(account.id(),
                subject, event);
        directory.apply(envelope).block();
    }

    /** Uploads {@code content} as the multipart part {@code file}. */
    public WebTestClient.ResponseSpec upload(String token, String fileName, byte[] content) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM);
        return http.post().uri("/api/v1/imports")
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange();
    }

    /** An account with its administrator's token. */
    public record Account(UUID id, UUID adminId, String token) {
    }
}
