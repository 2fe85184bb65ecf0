package dev.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herder.fakes.CatalogClient;
import dev.herder.fakes.User;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake bodies javac infers as written ({@link InferringFake}), run under {@code Coroutines.runBlockingTest} on
 * virtual time; and the sources of the forms, compiled here with every lint as an error.
 */
class FakeBodiesWithoutTypeWitnessesTest {
    private final InferringFake fake = new InferringFake();

    @Test
    void anAfterWhoseCallableOnlyThrowsSuspendsThenThrowsTheCheckedException() {
        Coroutines.runBlockingTest(scope -> {
            Throwable failure = catchThrowable(() -> scope.await(c -> fake.find("7", c)));
            assertThat(failure).isExactlyInstanceOf(IOException.class).hasMessage("no user 7");
            assertThat(scope.currentTime()).isEqualTo(1_000);
        });
    }

    @Test
    void aValueOfAnEmptyListAnswersAtOnce() {
        Coroutines.runBlockingTest(scope -> {
            int count = scope.await(c -> new CatalogClient(fake).count(c));
            assertThat(count).isZero();
            assertThat(scope.currentTime()).isZero();
        });
    }

    @Test
    void neverSuspendsUntilKotlinsWithTimeoutCancelsIt() {
        Coroutines.runBlockingTest(scope -> {
            User user = scope.await(c -> new CatalogClient(fake).watchWithin("7", 5_000, c));
            assertThat(user).isNull();
            assertThat(scope.currentTime()).isEqualTo(5_000);
        });
    }

    @Test
    void neverEndsWithTheCallersCancellation() {
        Coroutines.runBlockingTest(scope -> {
            CompletableFuture<User> watching = scope.future(c -> fake.watch("7", c));
            scope.advanceTimeBy(java.time.Duration.ofDays(1));
            assertThat(watching).isNotDone();
            watching.cancel(true);
            scope.advanceUntilIdle();
            assertThat(watching).isCancelled();
        });
    }

    @Test
    void aFailureAfterThenFailsOnceTheFirstCallHasSuspended() {
        Coroutines.runBlockingTest(scope -> {
            Throwable failure = catchThrowable(() -> scope.await(c -> fake.refresh("7", c)));
            assertThat(failure).isSameAs(InferringFake.GONE);
            assertThat(scope.currentTime()).isEqualTo(1_000);
        });
    }

    /** The build compiles these files already; this also fails on a warning (an unchecked cast creeping in). */
    @Test
    void theFormsCompileWithoutATypeWitnessCastOrWarning(@TempDir Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            var sources = files.getJavaFileObjects(Path.of("src/test/java/dev/herder/InferringFake.java"),
                Path.of("src/test/java/dev/herder/mock/TypedFunctionMocksTest.java"));
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            boolean compiled = javac.getTask(diagnostics, files, null, List.of("-Xlint:all,-processing", "-Werror",
                "-proc:none", "-classpath", classPath, "-d", out.toString()), null, sources).call();
            assertThat(diagnostics.toString()).isEmpty();
            assertThat(compiled).isTrue();
        }
    }
}
