package dev.herder.junit4;

import org.junit.ClassRule;
import org.junit.Test;

/** A misplaced rule: one coroutine test per class makes no sense. */
public class ClassRuleTestCase {
    @ClassRule public static final CoroutineTestRule COROUTINES = new CoroutineTestRule();

    @Test
    public void anything() {
    }
}
