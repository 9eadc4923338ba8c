package dev.roster.imports.sheet;

import java.io.OutputStream;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** A file answered while it is written: the writer runs on a bounded-elastic thread, the body streams out as it goes. */
public final class Downloads {

    public static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    public static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private Downloads() {
    }

    /** An attachment named {@code <name>-<today>.xlsx} (or {@code .csv}) whose content {@code writer} writes. */
    public static ResponseEntity<Flux<DataBuffer>> attachment(String name, boolean xlsx, Consumer<OutputStream> writer) {
        Flux<DataBuffer> body = Flux.from(DataBufferUtils.outputStreamPublisher(writer::accept,
                DefaultDataBufferFactory.sharedInstance, Schedulers.boundedElastic()::schedule));
        return ResponseEntity.ok()
                .contentType(xlsx ? XLSX : CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name + "-" + LocalDate.now() + (xlsx ? ".xlsx" : ".csv")).build().toString())
                .body(body);
    }
}
