package dev.herder.junit4;

import static org.junit.Assert.assertEquals;

import dev.herder.Schedule;
import dev.herder.TestOptions;
import java.util.concurrent.atomic.AtomicInteger;
import kotlin.Unit;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** A lost update under an explored schedule, its counter made in {@code @Before}: run by CoroutineTestRuleTests. */
public class ExploredScheduleTestCase {
    static volatile Schedule schedule = Schedule.fifo();
    static final AtomicInteger BEFORES = new AtomicInteger();

    @Rule public final CoroutineTestRule coroutines = new CoroutineTestRule(TestOptions.defaults()
        .withFailOnNeverAwaited(true).withSchedule(schedule));
    private Counter counter;

    @Before
    public void makeTheCounter() {
        BEFORES.incrementAndGet();
        counter = new Counter();
    }

    @Test
    public void twoIncrementsAreCounted() {
        coroutines.scope().launch(c -> {
            counter.increment();
            return Unit.INSTANCE;
        });
        coroutines.scope().launch(c -> counter.readSuspendWrite(c));
        coroutines.scope().advanceUntilIdle();
        assertEquals(2, counter.getCount());
    }
}
