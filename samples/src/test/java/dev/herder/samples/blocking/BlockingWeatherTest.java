package dev.herder.samples.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.eq;

import dev.herder.Gate;
import dev.herder.mock.SuspendMocks;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sync code that calls into the event loop (runBlocking inside) is tested as what it is: blocking code on real
 * time. Stub the suspend API it calls; hold the call with a Gate to see the caller blocked, then let it through.
 */
class BlockingWeatherTest {
    private final WeatherApi api = SuspendMocks.mock(WeatherApi.class, "api");

    // README: blocking
    @Test
    void theFacadeBlocksItsCallerUntilTheApiAnswers() throws Exception {
        Gate<Integer> reply = new Gate<>();
        SuspendMocks.whenever(api, (a, c) -> a.temperature(eq("Oslo"), c)).thenSuspendUntil(reply);
        BlockingWeather weather = new BlockingWeather(api, 5_000);

        CompletableFuture<Integer> caller = CompletableFuture.supplyAsync(() -> weather.temperatureIn("Oslo"));
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reply.waiting() == 0) {                 // until the facade is inside the suspend call
            assertThat(System.nanoTime() - giveUp).as("the facade never called the API").isNegative();
            Thread.onSpinWait();
        }
        assertThat(caller).isNotDone();                // the old Java caller is blocked
        reply.open(-3);
        assertThat(caller.get(5, TimeUnit.SECONDS)).isEqualTo(-3);
    }
    // README: end

    @Test
    void aSilentApiTimesOutOnTheRealClock() {
        SuspendMocks.whenever(api, (a, c) -> a.temperature(eq("Atlantis"), c)).thenNeverReturn();
        BlockingWeather weather = new BlockingWeather(api, 50);
        assertThat(catchThrowable(() -> weather.temperatureIn("Atlantis")))
            .isInstanceOf(WeatherUnavailable.class).hasMessage("no weather for Atlantis");
    }
}
