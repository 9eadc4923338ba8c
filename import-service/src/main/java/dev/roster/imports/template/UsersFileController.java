package dev.roster.imports.template;

import dev.roster.events.user.UserStatus;
import dev.roster.imports.directory.DepartmentScope;
import dev.roster.imports.directory.DirectoryRepository;
import dev.roster.imports.directory.DirectoryUser;
import dev.roster.imports.sheet.Downloads;
import dev.roster.imports.sheet.StatusLabel;
import dev.roster.imports.sheet.UsersWorkbook;
import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The users template and the export of the users list, in the same columns, so that an export can be
 * edited and imported back. Both are written while they are sent. Needs {@code USERS_IMPORT_EXPORT}; a caller
 * whose role limits it to departments gets only the users and departments of that scope.
 */
@RestController
@RequestMapping("/api/v1")
class UsersFileController {

    private final DirectoryRepository directory;

    UsersFileController(DirectoryRepository directory) {
        this.directory = directory;
    }

    @GetMapping("/imports/template")
    Mono<ResponseEntity<Flux<DataBuffer>>> template(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "xlsx") String format) {
        Caller caller = Caller.from(jwt);
        caller.require(Permission.USERS_IMPORT_EXPORT);
        boolean xlsx = xlsx(format);
        return Mono.zip(directory.departments(caller.accountId()), directory.scope(caller, Permission.USERS_IMPORT_EXPORT))
                .map(known -> inScope(known.getT1(), known.getT2()))
                .map(departments -> Downloads.attachment("users-template", xlsx, out -> {
                    if (xlsx) {
                        UsersWorkbook.xlsx(out, List.of(), departments);
                    }
                    else {
                        UsersWorkbook.csv(out, List.of());
                    }
                }));
    }

    /** The account's users (filtered like the users list: {@code q}, {@code status}, {@code departmentId}). */
    @GetMapping("/exports/users")
    Mono<ResponseEntity<Flux<DataBuffer>>> export(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "xlsx") String format, @RequestParam(required = false) String q,
            @RequestParam(required = false) List<UserStatus> status, @RequestParam(required = false) UUID departmentId) {
        Caller caller = Caller.from(jwt);
        caller.require(Permission.USERS_IMPORT_EXPORT);
        boolean xlsx = xlsx(format);
        Mono<DepartmentScope> scoped = directory.scope(caller, Permission.USERS_IMPORT_EXPORT);
        return directory.snapshot(caller.accountId()).zipWith(scoped).map(known -> {
            var snapshot = known.getT1();
            DepartmentScope scope = known.getT2();
            Map<UUID, String> paths = new HashMap<>(snapshot.departmentPaths());
            List<String> departments = inScope(paths, scope);
            Flux<List<String>> rows = directory.users(caller.accountId())
                    .filter(user -> scope.contains(user.departmentId()))
                    .filter(user -> matches(user, q, status, departmentId, paths))
                    .map(user -> row(user, paths.get(user.departmentId()), snapshot.loginOf(user.supervisorId()),
                            String.join("; ", snapshot.groups().namesOf(user.id()))));
            return Downloads.attachment("users", xlsx, out -> {
                // closing the stream cancels the query when the client goes away mid-download
                try (java.util.stream.Stream<List<String>> lazily = rows.toStream(500)) {
                    if (xlsx) {
                        UsersWorkbook.xlsx(out, lazily::iterator, departments);
                    }
                    else {
                        UsersWorkbook.csv(out, lazily::iterator);
                    }
                }
            });
        });
    }

    /** The paths of the departments in {@code scope}, sorted: those a file of this caller may name. */
    private static List<String> inScope(Map<UUID, String> paths, DepartmentScope scope) {
        return paths.entrySet().stream().filter(department -> scope.contains(department.getKey()))
                .map(Map.Entry::getValue).sorted().toList();
    }

    /** One user in the template's column order ({@code groups}: their static groups). */
    static List<String> row(DirectoryUser user, String departmentPath, String supervisorLogin, String groups) {
        List<String> row = new ArrayList<>(Arrays.asList(new String[12]));
        row.set(0, user.login());
        row.set(1, user.email());
        row.set(2, user.firstName());
        row.set(3, user.lastName());
        row.set(5, departmentPath);
        row.set(6, user.jobTitle());
        row.set(7, user.phone());
        row.set(8, supervisorLogin);
        row.set(9, groups.isEmpty() ? null : groups);
        row.set(10, StatusLabel.of(user.status()));
        row.set(11, user.employmentEndedOn() == null ? null : user.employmentEndedOn().toString());
        return row;
    }

    private static boolean matches(DirectoryUser user, String q, List<UserStatus> status, UUID departmentId,
            Map<UUID, String> paths) {
        if (status != null && !status.isEmpty() && !status.contains(user.status())) {
            return false;
        }
        if (departmentId != null) {
            String root = paths.get(departmentId);
            String path = paths.get(user.departmentId());
            if (root == null || path == null || !(path.equals(root) || path.startsWith(root + " / "))) {
                return false;
            }
        }
        if (q != null && !q.isBlank()) {
            String needle = q.strip().toLowerCase(Locale.ROOT);
            return (user.login() + " " + user.email() + " " + user.firstName() + " " + user.lastName())
                    .toLowerCase(Locale.ROOT).contains(needle);
        }
        return true;
    }

    private static boolean xlsx(String format) {
        return switch (Objects.requireNonNullElse(format, "xlsx").toLowerCase(Locale.ROOT)) {
            case "xlsx" -> true;
            case "csv" -> false;
            default -> throw ProblemException.badRequest("invalid-format", "format is xlsx or csv").with("field", "format");
        };
    }
}
