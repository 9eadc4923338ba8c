package dev.roster.users.scim;

import dev.roster.events.user.UserStatus;
import dev.roster.platform.security.Caller;
import dev.roster.users.status.StatusChangeRequest;
import dev.roster.users.status.StatusService;
import dev.roster.users.user.CreateUserRequest;
import dev.roster.users.user.UpdateUserRequest;
import dev.roster.users.user.UserService;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an identity provider asks of a user, done by the API's own services, so that every rule of the API holds
 * (uniqueness, the Account Owner, the seat limit, grants, audit with the source {@code scim}, events through the outbox):
 * a create, a replace or a patch is one transaction with the SCIM attributes Roster keeps beside the user.
 * {@code active: false} becomes the account's deprovisioning status ({@link ScimSettings}), and only for an active user;
 * {@code active: true} activates, within the seat limit.
 */
@Service
class ScimUserService {

    static final String SOURCE = "scim";

    private final UserService users;
    private final StatusService statuses;
    private final ScimUsers scimUsers;
    private final ScimTokens tokens;
    private final Validator validator;
    private final TransactionalOperator transactions;

    ScimUserService(UserService users, StatusService statuses, ScimUsers scimUsers, ScimTokens tokens, Validator validator,
            TransactionalOperator transactions) {
        this.users = users;
        this.statuses = statuses;
        this.scimUsers = scimUsers;
        this.tokens = tokens;
        this.validator = validator;
        this.transactions = transactions;
    }

    Mono<ScimUser> find(ScimClient client, UUID id) {
        return scimUsers.find(client.accountId(), id).switchIfEmpty(Mono.error(() -> ScimException.notFound("User " + id)));
    }

    Mono<ScimUser> create(ScimClient client, JsonNode resource) {
        ScimResources.Input input = ScimResources.input(resource);
        if (input.userName() == null || input.userName().isBlank()) {
            throw ScimException.invalidValue("userName is required");
        }
        Caller caller = client.caller();
        return tokens.settings(client.accountId()).flatMap(settings -> requireExternalIdFree(client, input, null)
                .then(department(client, input.department()))
                .flatMap(department -> {
                    UserStatus status = Boolean.FALSE.equals(input.active()) ? deprovisioned(settings) : UserStatus.ACTIVE;
                    CreateUserRequest request = valid(new CreateUserRequest(login(input.userName()), input.email(),
                            orElse(input.givenName(), input.userName()), orElse(input.familyName(), input.userName()),
                            department.orElse(null), input.managerId(), input.title(), input.phone(), input.locale(),
                            null, null, status));
                    return users.create(caller, request, SOURCE).flatMap(created -> {
                        if (status == UserStatus.ACTIVE && created.status() != UserStatus.ACTIVE) {
                            return Mono.error(seatLimit());
                        }
                        return scimUsers.saveIdentity(client.accountId(), created.id(), input.userName(), input.externalId(),
                                input.employeeNumber(), input.department()).thenReturn(created.id());
                    });
                })
                .as(transactions::transactional))
                .flatMap(id -> find(client, id));
    }

    /** PUT: the resource as a whole; what it leaves out of Roster's optional fields is cleared. */
    Mono<ScimUser> replace(ScimClient client, UUID id, JsonNode resource, String ifMatch) {
        ScimResources.Input input = ScimResources.input(resource);
        return find(client, id).flatMap(current -> save(client, current, input, ifMatch, true));
    }

    Mono<ScimUser> patch(ScimClient client, UUID id, JsonNode request, String ifMatch) {
        return find(client, id).flatMap(current -> {
            ObjectNode resource = ScimResources.user(current, "");
            ScimPatch.apply(request, resource);
            return save(client, current, ScimResources.input(resource), ifMatch, true);
        });
    }

    Mono<Void> delete(ScimClient client, UUID id) {
        return find(client, id).flatMap(current -> users.delete(client.caller(), id, SOURCE));
    }

    private Mono<ScimUser> save(ScimClient client, ScimUser current, ScimResources.Input input, String ifMatch,
            boolean whole) {
        if (ifMatch != null && !ifMatch.strip().equals("*") && !ifMatch.strip().equals(current.etag())) {
            return Mono.error(new ScimException(HttpStatus.PRECONDITION_FAILED, null,
                    "The user changed since it was read (version " + current.etag() + ")"));
        }
        Caller caller = client.caller();
        return tokens.settings(client.accountId()).flatMap(settings -> requireExternalIdFree(client, input, current.id())
                .then(department(client, input.department()))
                .flatMap(department -> {
                    UpdateUserRequest request = valid(new UpdateUserRequest(login(input.userName()), input.email(),
                            input.givenName(), input.familyName(), department.orElse(null), input.managerId(),
                            whole && input.managerId() == null || input.clearManager() ? Boolean.TRUE : null,
                            whole && input.title() == null ? "" : input.title(),
                            whole && input.phone() == null ? "" : input.phone(), input.locale(), null));
                    return users.update(caller, current.id(), request, null, SOURCE)
                            .then(scimUsers.saveIdentity(client.accountId(), current.id(), input.userName(), input.externalId(),
                                    input.employeeNumber(), input.department()))
                            .then(status(caller, current, input.active(), settings));
                })
                .as(transactions::transactional))
                .then(find(client, current.id()));
    }

    /** {@code active} applied: false ends an active user's access as the account says; true activates within the seat limit. */
    private Mono<Void> status(Caller caller, ScimUser current, Boolean active, ScimSettings settings) {
        UserStatus target;
        if (Boolean.TRUE.equals(active) && !current.active()) {
            target = UserStatus.ACTIVE;
        }
        else if (Boolean.FALSE.equals(active) && current.active()) {
            target = deprovisioned(settings);
        }
        else {
            return Mono.empty();
        }
        return statuses.change(caller, current.id(), new StatusChangeRequest(target, null), SOURCE)
                .onErrorMap(error -> error instanceof dev.roster.platform.problem.ProblemException problem
                        && "seat-limit-reached".equals(problem.slug()) ? seatLimit() : error)
                .then();
    }

    private Mono<Void> requireExternalIdFree(ScimClient client, ScimResources.Input input, UUID self) {
        return scimUsers.externalIdTaken(client.accountId(), input.externalId(), self).flatMap(taken -> taken
                ? Mono.error(new ScimException(HttpStatus.CONFLICT, "uniqueness", "Another user has this externalId"))
                : Mono.empty());
    }

    /** The account's department named as the identity provider names it; none (the user stays where they are) when none is. */
    private Mono<java.util.Optional<UUID>> department(ScimClient client, String name) {
        return name == null || name.isBlank() ? Mono.just(java.util.Optional.empty())
                : scimUsers.departmentNamed(client.accountId(), name.strip()).map(java.util.Optional::of)
                        .defaultIfEmpty(java.util.Optional.empty());
    }

    /**
     * The login a userName becomes: identity providers send a UPN or an email address, and a Roster login has no
     * {@code @} and no spaces (people sign in with their email anyway). SCIM keeps and answers the userName as sent.
     */
    static String login(String userName) {
        return userName == null ? null : userName.strip().replaceAll("[\\s@]", "_");
    }

    private static UserStatus deprovisioned(ScimSettings settings) {
        return settings.deprovision() == ScimSettings.Deprovision.EMPLOYMENT_ENDED ? UserStatus.EMPLOYMENT_ENDED
                : UserStatus.INACTIVE;
    }

    private static ScimException seatLimit() {
        return new ScimException(HttpStatus.CONFLICT, null,
                "seat-limit-reached: every seat of the account is taken; the user cannot be active");
    }

    private <T> T valid(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw ScimException.invalidValue(violations.stream()
                    .map(violation -> scimName(violation.getPropertyPath().toString()) + " " + violation.getMessage())
                    .sorted().collect(Collectors.joining("; ")));
        }
        return request;
    }

    /** Roster's field as the identity provider knows it. */
    private static String scimName(String field) {
        return switch (field) {
            case "login" -> "userName";
            case "email" -> "emails.value";
            case "firstName" -> "name.givenName";
            case "lastName" -> "name.familyName";
            case "jobTitle" -> "title";
            case "phone" -> "phoneNumbers.value";
            case "locale" -> "preferredLanguage";
            default -> field;
        };
    }

    private static String orElse(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}
