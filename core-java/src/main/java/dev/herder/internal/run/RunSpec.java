package dev.herder.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.herder.DispatcherKind;
import dev.herder.Schedule;
import java.time.Duration;
import kotlinx.coroutines.CoroutineDispatcher;
import org.apiguardian.api.API;
import org.jetbrains.annotations.ApiStatus;

/**
 * What {@link TestDriver} needs to run one test, resolved: the public {@code TestOptions} turn into one of these at the
 * API's edge ({@code Coroutines.runBlockingTest}), so internal code never reads the public options type and the two
 * packages depend on each other in one direction only.
 *
 * @param name the test's name, for messages
 * @param timeout the wall-clock limit of the whole test
 * @param kind the dispatcher kind, or {@code null} when {@code customDispatcher} is set
 * @param customDispatcher a dispatcher given by the user, or {@code null}
 * @param neverAwaitedCheck whether a future nobody looked at fails the test
 * @param virtualDispatchers whether Dispatchers.IO/Default run on the test's virtual clock (already resolved against
 *     the system property)
 * @param schedule the order of tasks due at one virtual instant
 * @param shrinkRuns how many extra runs shrinking a failing explored schedule may take; 0: none
 * @param shrinkTime how long shrinking a failing explored schedule may take
 */
@API(status = INTERNAL, since = "0.1")
@ApiStatus.Internal
public record RunSpec(String name, Duration timeout, DispatcherKind kind, CoroutineDispatcher customDispatcher,
                      boolean neverAwaitedCheck, boolean virtualDispatchers, Schedule schedule,
                      int shrinkRuns, Duration shrinkTime) {
    public RunSpec {
        if ((kind == null) == (customDispatcher == null)) {
            throw new IllegalArgumentException("a run spec takes a dispatcher kind or a dispatcher, exactly one");
        }
    }

    /** This spec under another schedule, with {@code timeout}: a shrinking run. */
    RunSpec shrinking(Schedule replay, Duration timeout) {
        return new RunSpec(name, timeout, kind, customDispatcher, neverAwaitedCheck, virtualDispatchers, replay, 0,
            Duration.ZERO);
    }
}
