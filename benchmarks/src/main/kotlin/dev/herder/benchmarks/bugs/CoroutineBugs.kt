package dev.herder.benchmarks.bugs

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.yield

/**
 * A coroutine concurrency bug and its fixed twin: the portable programs of SCTBench (Thomson, Donaldson, Betts:
 * "Concurrency testing using controlled schedulers", TOPC 2016; the benchmark Fray is measured on) re-expressed as
 * Kotlin coroutines — a `yield()` or a suspending `Mutex.lock` at each former preemption point — plus the
 * kotlinx.coroutines #1630 counter and a Node.fz-style event-loop order bug. [buggy] throws an [AssertionError] in the
 * orders that expose the bug (or deadlocks: it never completes); [fixed] never does. [inEveryOrder]: the original
 * fails under every schedule (SCTBench's phase01, sync01, sync02 deadlock whatever the order), so no order hides it,
 * kotlinx's own included; every other [buggy] passes under kotlinx's order.
 */
class CoroutineBug(
    val name: String,
    val origin: String,
    val buggy: suspend CoroutineScope.() -> Unit,
    val fixed: suspend CoroutineScope.() -> Unit,
    val inEveryOrder: Boolean = false,
)

/** How one run of a program ended. */
enum class Outcome { PASSED, FAILED, DEADLOCKED }

/** Runs one program as a coroutine of the test; [outcome] says how it ended once the test's scheduler is idle. */
class ProgramRun(private val program: suspend CoroutineScope.() -> Unit) {
    @Volatile private var ended: Outcome? = null
    @Volatile private var job: Job? = null

    /** The body to launch on the test's scope (from Java: `scope.launch(run::start)`). */
    suspend fun start(): Any {
        job = currentCoroutineContext()[Job]
        ended = try {
            coroutineScope { program() }
            Outcome.PASSED
        } catch (e: AssertionError) {
            Outcome.FAILED
        }
        return Unit
    }

    /** How the program ended; a program still running when nothing is due is deadlocked, and is cancelled. */
    fun outcome(): Outcome = ended ?: Outcome.DEADLOCKED.also { job?.cancel() }
}

private fun check(condition: Boolean, what: String) {
    if (!condition) throw AssertionError(what)
}

private suspend fun CoroutineScope.all(vararg bodies: suspend () -> Unit) {
    bodies.map { body -> launch { body() } }.joinAll()
}

/** A pthread condition variable over [mutex]: [await] releases it until a [signal]; a signal nobody waits for is lost. */
private class Condition(private val mutex: Mutex) {
    private val waiters = ArrayDeque<CompletableDeferred<Unit>>()

    /** pthread_cond_wait: registers, unlocks, waits for a signal, locks again (the caller holds [mutex]). */
    suspend fun await() {
        val waiter = CompletableDeferred<Unit>()
        waiters.addLast(waiter)
        mutex.unlock()
        waiter.await()
        mutex.lock()
    }

    /** pthread_cond_signal: wakes the longest waiter, if any. */
    fun signal() {
        waiters.removeFirstOrNull()?.complete(Unit)
    }
}

// ---- SCTBench (CS) -------------------------------------------------------------------------------------------------

/** account_bad: the checker's expected balance is wrong, which shows only when it runs after both updates. */
private fun account(expected: (Int, Int, Int) -> Int): suspend CoroutineScope.() -> Unit = {
    val lock = Mutex()
    val x = 1; val y = 2; val z = 4
    var balance = x
    var deposited = false
    var withdrawn = false
    all(
        { lock.withLock { if (deposited && withdrawn) check(balance == expected(x, y, z), "balance $balance") } },
        { yield(); lock.withLock { balance += y; deposited = true } },
        { yield(); lock.withLock { balance -= z; withdrawn = true } },
    )
}

/** reorder_N_bad: N-1 setters write a then b, a checker reads a then b and sees one without the other. */
private fun reorder(threads: Int, fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    val lock = Mutex()
    var a = 0
    var b = 0
    val setters = List(threads - 1) {
        suspend {
            yield()
            if (fixed) lock.withLock { a = 1; b = -1 } else { a = 1; yield(); b = -1 }
        }
    }
    val checker = suspend {
        yield()
        val (ra, rb) = if (fixed) lock.withLock { a to b } else { val ra = a; yield(); ra to b }
        check((ra == 0 && rb == 0) || (ra == 1 && rb == -1), "a=$ra b=$rb")
    }
    all(*(setters + checker).toTypedArray())
}

/** wronglock_bad: writers take another lock than the reader, so a write lands between its read and its check. */
private fun wronglock(writers: Int, fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    val readerLock = Mutex()
    val writerLock = if (fixed) readerLock else Mutex()
    var data = 0
    val reader = suspend { readerLock.withLock { val x = data; yield(); check(x == data, "data changed under the lock") } }
    val writer: suspend () -> Unit = { yield(); writerLock.withLock { data++ } }
    all(reader, *Array(writers) { writer })
}

/** twostage_bad: stage two is not under stage one's lock, so a reader sees stage one done and stage two not. */
private fun twoStage(readers: Int, fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    val first = Mutex()
    val second = Mutex()
    var data1 = 0
    var data2 = 0
    val stager = suspend {
        yield()
        if (fixed) {
            first.withLock { data1 = 1; yield(); second.withLock { data2 = data1 + 1 } }
        } else {
            first.withLock { data1 = 1 }
            yield()
            second.withLock { data2 = data1 + 1 }
        }
    }
    val reader = suspend {
        yield()
        if (fixed) {
            first.withLock { if (data1 != 0) { val t1 = data1; second.withLock { check(data2 == t1 + 1, "stage two missing") } } }
        } else {
            val t1 = first.withLock { data1 }
            if (t1 != 0) { yield(); val t2 = second.withLock { data2 }; check(t2 == t1 + 1, "stage two missing") }
        }
    }
    all(stager, *Array(readers) { reader })
}

/** token_ring_bad: three coroutines pass a token on without waiting for it; only the ring's own order is consistent. */
private fun tokenRing(fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    var x1 = 1; var x2 = 2; var x3 = 1
    val first = launch { yield(); x1 = (x3 + 1) % 4 }
    val second = launch { yield(); if (fixed) first.join(); x2 = x1 }
    launch { yield(); if (fixed) second.join(); x3 = x2 }.join()
    first.join(); second.join()
    check(x1 == x2 && x2 == x3, "x1=$x1 x2=$x2 x3=$x3")
}

/** lazy01_bad: the checker's bound is one too low, which shows only when it runs after both increments. */
private fun lazy01(limit: Int): suspend CoroutineScope.() -> Unit = {
    val lock = Mutex()
    var data = 0
    all(
        { lock.withLock { check(data < limit, "data=$data") } },
        { yield(); lock.withLock { data++ } },
        { yield(); lock.withLock { data += 2 } },
    )
}

/** deadlock01_bad: two coroutines take two locks in opposite orders. */
private fun deadlock01(fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    val a = Mutex()
    val b = Mutex()
    all(
        { a.withLock { yield(); b.withLock { } } },
        { yield(); (if (fixed) a else b).withLock { yield(); (if (fixed) b else a).withLock { } } },
    )
}

/** queue_bad: enqueue reads the tail, suspends, then stores and bumps it: two producers lose an element. */
private fun queue(fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    val lock = Mutex()
    val items = IntArray(8)
    var tail = 0
    suspend fun enqueue(v: Int) {
        if (fixed) lock.withLock { items[tail] = v; tail++ } else { val t = tail; yield(); items[t] = v; tail = t + 1 }
    }
    all({ enqueue(1); enqueue(2) }, { yield(); yield(); enqueue(3) })
    check(tail == 3 && items.take(3).sorted() == listOf(1, 2, 3), "queue ${items.take(tail)}")
}

/** stack_bad: pop checks for an element and pops it under two lock holds: two poppers underflow. */
private fun stack(fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    val lock = Mutex()
    var top = 0
    val popper = suspend {
        if (fixed) {
            lock.withLock { if (top > 0) top-- }
        } else {
            val nonEmpty = lock.withLock { top > 0 }
            yield()
            if (nonEmpty) lock.withLock { check(top > 0, "underflow"); top-- }
        }
    }
    all({ yield(); lock.withLock { top++ } }, { yield(); popper() }, { yield(); yield(); yield(); popper() })
}

/** circular_buffer_bad: the producer publishes a slot before it writes it; the consumer reads the old value. */
private fun circularBuffer(fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    val buffer = IntArray(4)
    var count = 0
    all(
        {
            for (v in 1..3) {
                yield()
                if (fixed) { buffer[v % 4] = v; count++ } else { count++; yield(); buffer[v % 4] = v }
            }
        },
        {
            var seen = 0
            repeat(5) {
                yield()
                yield()
                if (count > seen) { seen++; check(buffer[seen % 4] == seen, "slot $seen read before it was written") }
            }
        },
    )
}

/**
 * carter01_bad: classes A and B share a lock `l` that the first of a class takes and the last releases, with both
 * classes counting under one mutex `m`. A B that finds `l` taken waits for it holding `m`, which the A holding `l` needs
 * to release it: a deadlock. The original's two idle threads are kept. Fixed twin (not in SCTBench): a counter mutex
 * per class (a "lightswitch"), so the coroutine waiting for `l` holds nothing the holder of `l` needs.
 */
private fun carter01(fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    val l = Mutex()
    val mA = Mutex()
    val mB = if (fixed) Mutex() else mA
    var a = 0
    var b = 0
    all(
        {
            mA.lock(); a++; if (a == 1) l.lock(); mA.unlock()
            yield()                                          // perform class A operation
            mA.lock(); a--; if (a == 0) l.unlock(); mA.unlock()
        },
        {
            yield()
            mB.lock(); b++; if (b == 1) l.lock(); mB.unlock()
            yield()                                          // perform class B operation
            mB.lock(); b--; if (b == 0) l.unlock(); mB.unlock()
        },
        { },
        { },
    )
}

/**
 * phase01_bad: each of two coroutines takes `x`, releases it, takes it again and never releases it: whichever takes it
 * second waits forever, in every order. Fixed twin: the release the original has commented out.
 */
private fun phase01(fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    val x = Mutex()
    val y = Mutex()
    val body: suspend () -> Unit = {
        x.lock(); yield(); x.unlock(); yield()
        x.lock(); yield(); if (fixed) x.unlock()
        y.lock(); yield(); y.unlock(); yield()
        y.lock(); yield(); y.unlock()
    }
    all(body, body)
}

/**
 * sync01_bad: a producer waits on `empty` while `num > 0`; `num` starts at 1 and the consumer never decrements it, so
 * the producer waits forever in every order. Fixed twin (sync01_ok): `num` starts at 0 and the consumer takes one.
 */
private fun sync01(fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    val m = Mutex()
    val empty = Condition(m)
    val full = Condition(m)
    var num = if (fixed) 0 else 1
    all(
        {
            m.lock()
            while (num > 0) empty.await()
            num++
            m.unlock()
            yield()
            full.signal()
        },
        {
            m.lock()
            while (num == 0) full.await()
            if (fixed) num--
            m.unlock()
            yield()
            empty.signal()
        },
    )
}

/**
 * sync02_bad: a producer and a consumer of 2 items each around a one-slot buffer that starts with 2 in it: the consumer
 * is done after two, the producer still waits for room for its second, in every order. Fixed twin (sync02_ok): the
 * buffer starts empty (sync02_ok also makes 20 items of each; here 2).
 */
private fun sync02(fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    val m = Mutex()
    val empty = Condition(m)
    val full = Condition(m)
    var num = if (fixed) 0 else 2
    all(
        {
            repeat(2) {
                m.lock()
                while (num > 0) empty.await()
                num++
                m.unlock()
                yield()
                full.signal()
            }
        },
        {
            repeat(2) {
                m.lock()
                while (num == 0) full.await()
                num--
                m.unlock()
                yield()
                empty.signal()
            }
        },
    )
}

/**
 * bluetooth_driver_bad (Qadeer and Wu's KISS example): `PnpAdd` checks the device's stopping flag and then counts its
 * I/O in; `PnpStop` sets the flag, counts its own reference out and, if that was the last, marks the device stopped.
 * A stop between the add's check and its count stops the device under the add's work. As in the original, the program
 * starts the stopper and then adds (after a preemption point). Fixed twin (KISS's fix): count in first, then check the flag, and count out again
 * when stopping.
 */
private fun bluetoothDriver(fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    var pendingIo = 1
    var stoppingFlag = false
    var stoppingEvent = false
    var stopped = false
    suspend fun ioDecrement() {
        val pending = --pendingIo
        yield()
        if (pending == 0) stoppingEvent = true
    }
    suspend fun ioIncrement(): Int {
        if (fixed) {
            pendingIo++
            yield()
            if (stoppingFlag) { ioDecrement(); return -1 }
            return 0
        }
        if (stoppingFlag) return -1
        yield()
        pendingIo++
        return 0
    }
    val stopper = launch {
        stoppingFlag = true
        yield()
        ioDecrement()
        yield()
        if (stoppingEvent) stopped = true                    // release allocated resources
    }
    yield()
    val status = ioIncrement()
    if (status == 0) {
        yield()
        check(!stopped, "the device stopped under the add's work")   // do work here
        ioDecrement()
    } else if (!fixed) {
        ioDecrement()
    }
    stopper.join()
}

// ---- beyond SCTBench -------------------------------------------------------------------------------------------------

/** kotlinx.coroutines #1630: a counter's read-modify-write across a suspension loses an update in one order only. */
private fun counter1630(fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    val lock = Mutex()
    var counter = 0
    all(
        { lock.withLock { counter++ } },
        { if (fixed) lock.withLock { val c = counter; yield(); counter = c + 1 } else { val c = counter; yield(); counter = c + 1 } },
    )
    check(counter == 2, "counter=$counter")
}

/** Node.fz-style: an event emitted on the loop before its listener subscribed is lost. */
private fun emitBeforeSubscribe(fixed: Boolean): suspend CoroutineScope.() -> Unit = {
    val listeners = ArrayList<(String) -> Unit>()
    val received = ArrayList<String>()
    val subscribed = kotlinx.coroutines.CompletableDeferred<Unit>()
    all(
        { listeners.add { received.add(it) }; subscribed.complete(Unit) },
        { if (fixed) subscribed.await(); listeners.forEach { it("ready") } },
    )
    check(received == listOf("ready"), "the event was emitted before its listener subscribed")
}

/**
 * A depth-3 needle: three coroutines must meet their checkpoints in exactly one order out of many — every step of one
 * before any of the next. Its depth does not grow with [steps]; a uniform choice at every step finds it exponentially
 * more rarely as [steps] grows, PCT's guarantee does not change.
 */
private fun needle(fixed: Boolean, steps: Int = 4): suspend CoroutineScope.() -> Unit = {
    val log = StringBuilder()
    all(
        { repeat(steps) { yield(); log.append('a') } },
        { repeat(steps) { yield(); log.append('b') } },
        { repeat(steps) { yield(); log.append('c') } },
    )
    check(fixed || !Regex("^a+b+c+$").matches(log), "the order a…b…c…")
}

/** The benchmark: every program, with its fixed twin. */
val COROUTINE_BUGS: List<CoroutineBug> = listOf(
    CoroutineBug("Account", "SCTBench CS/account_bad", account { x, y, z -> x - y - z }, account { x, y, z -> x + y - z }),
    CoroutineBug("Reorder3", "SCTBench CS/reorder_3_bad", reorder(3, false), reorder(3, true)),
    CoroutineBug("Reorder4", "SCTBench CS/reorder_4_bad", reorder(4, false), reorder(4, true)),
    CoroutineBug("Reorder5", "SCTBench CS/reorder_5_bad", reorder(5, false), reorder(5, true)),
    CoroutineBug("Reorder10", "SCTBench CS/reorder_10_bad", reorder(10, false), reorder(10, true)),
    CoroutineBug("Wronglock", "SCTBench CS/wronglock_bad", wronglock(7, false), wronglock(7, true)),
    CoroutineBug("TwoStage", "SCTBench CS/twostage_bad", twoStage(1, false), twoStage(1, true)),
    CoroutineBug("TwoStage10", "SCTBench CS/twostage_100_bad (10 readers)", twoStage(10, false), twoStage(10, true)),
    CoroutineBug("TokenRing", "SCTBench CS/token_ring_bad", tokenRing(false), tokenRing(true)),
    CoroutineBug("Lazy01", "SCTBench CS/lazy01_bad", lazy01(3), lazy01(4)),
    CoroutineBug("Deadlock01", "SCTBench CS/deadlock01_bad", deadlock01(false), deadlock01(true)),
    CoroutineBug("Queue", "SCTBench CS/queue_bad", queue(false), queue(true)),
    CoroutineBug("Stack", "SCTBench CS/stack_bad", stack(false), stack(true)),
    CoroutineBug("CircularBuffer", "SCTBench CS/circular_buffer_bad", circularBuffer(false), circularBuffer(true)),
    CoroutineBug("Carter01", "SCTBench CS/carter01_bad", carter01(false), carter01(true)),
    CoroutineBug("Phase01", "SCTBench CS/phase01_bad", phase01(false), phase01(true), inEveryOrder = true),
    CoroutineBug("Sync01", "SCTBench CS/sync01_bad", sync01(false), sync01(true), inEveryOrder = true),
    CoroutineBug("Sync02", "SCTBench CS/sync02_bad", sync02(false), sync02(true), inEveryOrder = true),
    CoroutineBug("BluetoothDriver", "SCTBench CS/bluetooth_driver_bad", bluetoothDriver(false), bluetoothDriver(true)),
    CoroutineBug("Counter1630", "kotlinx.coroutines #1630", counter1630(false), counter1630(true)),
    CoroutineBug("EmitBeforeSubscribe", "Node.fz-style event-loop order", emitBeforeSubscribe(false), emitBeforeSubscribe(true)),
    CoroutineBug("Needle3", "a depth-3 order of three coroutines", needle(false), needle(true)),
)

/**
 * The depth-3 needle with 8 steps per coroutine instead of 4: not in [COROUTINE_BUGS] (its table stays as measured),
 * measured beside [COROUTINE_BUGS]' needle by the sweep's hit rates, to show how the uniform shuffle's rate falls with
 * the length of a run while PCT's does not.
 */
val LONG_NEEDLE: CoroutineBug = CoroutineBug("Needle3x8", "the depth-3 needle, 8 steps per coroutine", needle(false, 8),
    needle(true, 8))
