package dev.roster.imports.job;

import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.web.Page;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Uploading a users file, its preview, confirming or cancelling it, and its report. Needs {@code USERS_IMPORT_EXPORT}. */
@RestController
@RequestMapping("/api/v1/imports")
class ImportController {

    private final ImportService imports;
    private final Confirmation confirmation;

    ImportController(ImportService imports, Confirmation confirmation) {
        this.imports = imports;
        this.confirmation = confirmation;
    }

    /** Multipart upload, the file in the part {@code file}: answers 201 with the preview's summary. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<ImportResponse>> upload(@AuthenticationPrincipal Jwt jwt,
            @RequestPart(name = "file", required = false) Mono<Part> file) {
        return file.switchIfEmpty(Mono.error(() -> ProblemException.badRequest("missing-file",
                        "Send the file as the multipart part 'file'")))
                .flatMap(part -> part instanceof FilePart upload ? imports.upload(Caller.from(jwt), upload)
                        : Mono.error(ProblemException.badRequest("missing-file", "The part 'file' must be a file")))
                .map(job -> ResponseEntity.created(URI.create("/api/v1/imports/" + job.id())).body(job));
    }

    @GetMapping
    Mono<Page<ImportResponse>> list(@AuthenticationPrincipal Jwt jwt, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size) {
        return imports.list(Caller.from(jwt), page, size);
    }

    @GetMapping("/{id}")
    Mono<ImportResponse> show(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return imports.find(Caller.from(jwt), id);
    }

    @GetMapping("/{id}/rows")
    Mono<Page<RowResponse>> rows(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
            @RequestParam(required = false) List<RowAction> action,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        return imports.rows(Caller.from(jwt), id, action, page, size);
    }

    /**
     * Applies the previewed import in the background: answers 202 at once with the import and its location (follow
     * its progress there). Confirming it again answers the same, applying nothing twice.
     */
    @PostMapping("/{id}/confirm")
    Mono<ResponseEntity<ImportResponse>> confirm(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return confirmation.confirm(Caller.from(jwt), id)
                .map(job -> ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + job.id())).body(job));
    }

    /** Every row with what it was to do and what it did, as an xlsx. */
    @GetMapping("/{id}/report")
    Mono<ResponseEntity<Flux<DataBuffer>>> report(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return imports.report(Caller.from(jwt), id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return imports.cancel(Caller.from(jwt), id);
    }
}
