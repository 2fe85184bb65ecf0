module com.example {
    requires kotlinx.coroutines.core;
    requires kotlin.stdlib;
    exports com.example;
}
