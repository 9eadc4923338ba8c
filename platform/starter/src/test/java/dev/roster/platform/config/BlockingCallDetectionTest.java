package dev.roster.platform.config;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Every test run has BlockHound installed (by platform/testing): blocking on a non-blocking thread fails. */
class BlockingCallDetectionTest {

    @Test
    void aBlockingCallOnAParallelThreadIsAnError() {
        Mono<Boolean> blocking = Mono.fromCallable(() -> new CountDownLatch(1).await(10, TimeUnit.MILLISECONDS))
                .subscribeOn(Schedulers.parallel());

        StepVerifier.create(blocking)
                .expectError(BlockingOperationError.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void theSameCallOnTheBoundedElasticSchedulerIsFine() {
        Mono<Boolean> blocking = Mono.fromCallable(() -> new CountDownLatch(1).await(10, TimeUnit.MILLISECONDS))
                .subscribeOn(Schedulers.boundedElastic());

        StepVerifier.create(blocking)
                .expectNext(false)
                .verifyComplete();
    }
}
