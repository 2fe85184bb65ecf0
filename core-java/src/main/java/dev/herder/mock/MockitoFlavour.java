package dev.herder.mock;

import org.mockito.Mockito;
import org.mockito.verification.VerificationMode;

/** Everything {@link SuspendMocks} does with Mockito types, loaded only once Mockito is known to be there. */
final class MockitoFlavour {
    private MockitoFlavour() {}

    static <T> T mock(Class<T> type, String name) {
        var settings = Mockito.withSettings().defaultAnswer(new MockitoAnswers.Strict());
        return Mockito.mock(type, name == null ? settings : settings.name(name));
    }

    static <M, T> SuspendStubbing<T> whenever(M mock, MockCall<M, T> call) {
        if (Mockito.mockingDetails(mock).isSpy()) {
            MockitoSpyStubbing<T> stubbing = new MockitoSpyStubbing<>();   // a spy: record without the real method
            Recording.record(Mockito.doAnswer(stubbing).when(mock), call);
            return stubbing;
        }
        Recording.record(mock, call);
        return new MockitoStubbing<>(Mockito.when((Object) null));
    }

    /** Mockito's doAnswer(...).when(mock) form: the answers first, so the real method of a spy is never called. */
    static <M> void doAnswers(java.util.List<dev.herder.bridge.StubAnswer> answers, M mock, MockCall<M, ?> call) {
        org.mockito.stubbing.Stubber stubber = null;
        for (dev.herder.bridge.StubAnswer answer : answers) {
            org.mockito.stubbing.Answer<Object> mockitoAnswer = MockitoAnswers.suspending(answer);
            stubber = stubber == null ? Mockito.doAnswer(mockitoAnswer) : stubber.doAnswer(mockitoAnswer);
        }
        Recording.record(stubber.when(mock), call);
    }

    static <M> void verifyOnce(M mock, MockCall<M, ?> call) {
        verify(mock, Mockito.times(1), call);
    }

    static <M> void verify(M mock, VerificationMode mode, MockCall<M, ?> call) {
        Recording.record(Mockito.verify(mock, mode), call);
    }

    static SuspendInOrder inOrder(Object... mocks) {
        return new SuspendInOrder(Mockito.inOrder(mocks));
    }
}
