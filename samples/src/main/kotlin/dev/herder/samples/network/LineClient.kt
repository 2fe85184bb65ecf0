package dev.herder.samples.network

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.io.BufferedReader
import java.io.InputStreamReader
import java.io.PrintWriter
import java.net.InetSocketAddress
import java.net.Socket

/**
 * A small line-protocol client: sends one line, reads one line back. The socket work runs on `Dispatchers.IO`;
 * [timeoutMillis] bounds connecting and reading on the real clock (a server that never answers is an error, not a
 * hang).
 */
class LineClient(private val host: String, private val port: Int, private val timeoutMillis: Int = 2_000) {
    suspend fun request(line: String): String = withContext(Dispatchers.IO) {
        Socket().use { socket ->
            socket.connect(InetSocketAddress(host, port), timeoutMillis)
            socket.soTimeout = timeoutMillis
            PrintWriter(socket.getOutputStream(), true).println(line)
            BufferedReader(InputStreamReader(socket.getInputStream())).readLine()
                ?: throw java.io.EOFException("$host:$port closed the connection without answering '$line'")
        }
    }
}
