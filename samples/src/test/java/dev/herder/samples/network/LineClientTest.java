package dev.herder.samples.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.CoroutineTestScope;
import dev.herder.DispatcherKind;
import dev.herder.junit.CoroutineTest;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Functional tests with network I/O: a coroutine client against a real socket on 127.0.0.1, with real timeouts. */
class LineClientTest {

    // README: network
    @CoroutineTest(timeout = "10 s")
    void theClientTalksToARealServer(CoroutineTestScope scope) throws Exception {
        try (LineServer server = LineServer.upperCasing()) {
            LineClient client = new LineClient("127.0.0.1", server.port(), 2_000);
            String answer = scope.await(c -> client.request("ping", c));   // hops to Dispatchers.IO; Herder waits
            assertThat(answer).isEqualTo("PING");
        }
    }
    // README: end

    @CoroutineTest(timeout = "10 s")
    void aServerThatNeverAnswersIsARealTimeoutNotAHang(CoroutineTestScope scope) throws Exception {
        try (LineServer server = LineServer.silent()) {
            LineClient client = new LineClient("127.0.0.1", server.port(), 200);
            Throwable failure = catchThrowable(() -> scope.await(c -> client.request("hello?", c)));
            assertThat(failure).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @CoroutineTest(timeout = "10 s", dispatcher = DispatcherKind.IO)
    void manyConcurrentRequests(CoroutineTestScope scope) throws Exception {
        try (LineServer server = LineServer.upperCasing()) {
            LineClient client = new LineClient("127.0.0.1", server.port(), 2_000);
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String line = "line " + i;
                answers.add(scope.future(c -> client.request(line, c)));
            }
            for (int i = 0; i < 20; i++) {
                String answer = scope.await(answers.get(i));
                assertThat(answer).isEqualTo("LINE " + i);
            }
        }
    }
}
