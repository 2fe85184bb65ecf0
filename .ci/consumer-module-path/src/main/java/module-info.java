/**
 * A modular project's test fixtures built on Herder: this module requires Herder's JUnit integration, so Herder's
 * jars are named modules on the module path (dev.herder.junit, dev.herder.core, dev.herder.bridge), as their
 * descriptors declare them.
 */
module com.example.fixtures {
    requires transitive dev.herder.junit;
    requires kotlinx.coroutines.core;
    exports com.example.fixtures;
}
