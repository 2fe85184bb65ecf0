/** Herder's JUnit Jupiter integration: {@code @CoroutineTest}, {@code @DispatcherTest}, {@code @ExploreSchedules}. */
module dev.herder.junit {
    exports dev.herder.junit;
    // Jupiter instantiates the extension and reads the annotations reflectively
    opens dev.herder.junit to org.junit.platform.commons;

    requires transitive dev.herder.core;
    requires transitive org.junit.jupiter.api;
    requires static org.apiguardian.api;
    requires static org.jetbrains.annotations;
}
