package dev.herder.mock;

import dev.herder.bridge.StubAnswer;
import org.mockito.stubbing.OngoingStubbing;

/** Appends answers to a Mockito {@link OngoingStubbing}: Mockito's consecutive-answer rule applies. */
final class MockitoStubbing<T> extends AbstractSuspendStubbing<T> {
    private OngoingStubbing<Object> stubbing;

    MockitoStubbing(OngoingStubbing<Object> stubbing) {
        this.stubbing = stubbing;
    }

    @Override
    void add(StubAnswer answer) {
        stubbing = stubbing.thenAnswer(MockitoAnswers.suspending(answer));
    }
}
