package dev.herder.mock;

/** The two mocking flavours behind one face, so every answer kind is tested against both. */
interface Flavour {
    <T> T mock(Class<T> type);

    <M, T> SuspendStubbing<T> stub(M mock, MockCall<M, T> call);

    Flavour MOCKITO = new Flavour() {
        @Override public <T> T mock(Class<T> type) { return SuspendMocks.mock(type); }
        @Override public <M, T> SuspendStubbing<T> stub(M mock, MockCall<M, T> call) { return SuspendMocks.whenever(mock, call); }
        @Override public String toString() { return "Mockito"; }
    };

    Flavour MOCKK = new Flavour() {
        @Override public <T> T mock(Class<T> type) { return SuspendMockk.mock(type); }
        @Override public <M, T> SuspendStubbing<T> stub(M mock, MockCall<M, T> call) { return SuspendMockk.coEvery(mock, call); }
        @Override public String toString() { return "mockk"; }
    };
}
