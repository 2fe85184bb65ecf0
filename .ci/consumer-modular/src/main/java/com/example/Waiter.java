package com.example;

import kotlin.Unit;
import kotlin.coroutines.Continuation;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.DelayKt;
import kotlinx.coroutines.Dispatchers;

public final class Waiter {
    private Waiter() {}

    public static Object waitAnHour(Continuation<? super Unit> c) {
        return DelayKt.delay(3_600_000, c);
    }

    /** Waits an hour on Dispatchers.IO, as code that hard-codes its dispatcher does. */
    public static Object waitAnHourOnIo(Continuation<? super Unit> c) {
        return BuildersKt.withContext(Dispatchers.getIO(), (scope, k) -> DelayKt.delay(3_600_000, k), c);
    }
}
