package dev.roster.users.role;

import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one writer of the {@code role} table (Spring Data, optimistic locking on {@link Role#version()}): an account's
 * built-in roles when it is created, and its custom ones. Who holds a role is {@code user_role}'s, written with the
 * users; what a role allows is read by {@code access}.
 */
public interface RoleRepository extends ReactiveCrudRepository<Role, UUID> {

    /** The account's roles: the built-in ones first (owner, administrator, learner), then custom ones by name. */
    @Query("""
            SELECT * FROM role WHERE account_id = :account
            ORDER BY kind <> 'OWNER', kind <> 'ADMINISTRATOR', kind <> 'LEARNER', name
            """)
    Flux<Role> findAllOfAccount(@Param("account") UUID accountId);

    Mono<Role> findByIdAndAccountId(UUID id, UUID accountId);

    /**
     * Deletes the role as {@code role} last saw it: when it changed or went meanwhile, fails with an
     * {@link OptimisticLockingFailureException}, as a save would ({@link #delete} itself does not check the version).
     */
    default Mono<Void> deleteUnchanged(Role role) {
        return deleteAtVersion(role.id(), role.version())
                .flatMap(deleted -> deleted == 1 ? Mono.<Void>empty() : Mono.error(new OptimisticLockingFailureException(
                        "Role " + role.id() + " changed or went since version " + role.version())));
    }

    @Modifying
    @Query("DELETE FROM role WHERE id = :id AND version = :version")
    Mono<Long> deleteAtVersion(@Param("id") UUID id, @Param("version") long version);
}
