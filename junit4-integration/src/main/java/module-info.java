/** Herder's JUnit 4 integration: {@code CoroutineTestRule}. */
module dev.herder.junit4 {
    exports dev.herder.junit4;

    requires transitive dev.herder.core;
    requires transitive junit;
    requires static org.apiguardian.api;
    requires static org.jetbrains.annotations;
}
