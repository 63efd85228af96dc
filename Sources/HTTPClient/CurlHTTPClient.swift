import CCurl
import Foundation
import Synchronization

/// An HTTP/1.1 client on libcurl, for TCP and Unix sockets, buffered or streamed.
///
/// `curl_easy_perform` blocks its thread, so each exchange runs on a thread of its own, off the
/// Swift cooperative pool. Cancelling the calling task (or dropping the stream) aborts the
/// transfer within one progress tick (~1 s worst case, usually at the next chunk).
///
/// By default every exchange opens its own connection and closes it. With `reusingConnections`,
/// the client's exchanges share one cache of idle keep-alive connections (`CurlConnectionPool`,
/// up to 64), as an app server's HTTP client does: a request takes an idle connection to the
/// same socket or host when there is one.
public struct CurlHTTPClient: Sendable {
    let pool: CurlConnectionPool?

    /// A client whose every exchange has a connection of its own.
    public init() {
        self.init(reusingConnections: false)
    }

    public init(reusingConnections: Bool) {
        _ = CurlGlobal.ready
        pool = reusingConnections ? CurlConnectionPool() : nil
    }

    /// Sends `request` and buffers the whole response.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var status = 0
        var headers: [String: String] = [:]
        var body = Data()
        for try await event in stream(request) {
            switch event {
            case .head(let s, let h):
                status = s
                headers = h
            case .body(let chunk):
                body.append(chunk)
            }
        }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// Sends `request` and yields the response head, then body chunks as they arrive.
    /// Terminating the stream (the consumer's task is cancelled, or it stops iterating) aborts
    /// the transfer.
    public func stream(_ request: HTTPRequest) -> AsyncThrowingStream<HTTPStreamEvent, Error> {
        AsyncThrowingStream { continuation in
            let transfer = CurlTransfer(request: request, continuation: continuation, pool: pool)
            continuation.onTermination = { _ in transfer.cancel() }
            let thread = Thread { transfer.run() }
            thread.name = "spotter.curl"
            thread.start()
        }
    }
}

/// `curl_global_init` once per process, before the first handle.
enum CurlGlobal {
    static let ready: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}

/// Idle keep-alive connections shared by a client's transfers on their threads: a libcurl share
/// handle of the connection cache, with its locks (`spotter_curl_pool_create`). Transfers keep it
/// alive while they run; the last one out closes its connections.
final class CurlConnectionPool: @unchecked Sendable {
    /// At most this many idle connections are kept.
    static let maximumConnections = 64
    let pool: UnsafeMutablePointer<spotter_curl_pool>?

    init() { pool = spotter_curl_pool_create() }
    deinit { if let pool { spotter_curl_pool_destroy(pool) } }
}

/// One transfer: owns the easy handle for the duration of `run()` on its own thread.
final class CurlTransfer: @unchecked Sendable {
    private let request: HTTPRequest
    private let pool: CurlConnectionPool?
    private let continuation: AsyncThrowingStream<HTTPStreamEvent, Error>.Continuation
    private let cancelled = Atomic<Bool>(false)
    // Touched only by the transfer thread (inside curl callbacks and run()).
    private var handle: UnsafeMutableRawPointer?
    private var headers: [String: String] = [:]
    private var headSent = false

    init(request: HTTPRequest, continuation: AsyncThrowingStream<HTTPStreamEvent, Error>.Continuation,
         pool: CurlConnectionPool? = nil) {
        self.request = request
        self.pool = pool
        self.continuation = continuation
    }

    func cancel() { cancelled.store(true, ordering: .relaxed) }
    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    func run() {
        guard let curl = curl_easy_init() else {
            continuation.finish(throwing: HTTPClientError(.transport, "libcurl could not create a handle"))
            return
        }
        handle = curl
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer {
            curl_slist_free_all(headerList)
            curl_easy_cleanup(curl)
        }
        let me = Unmanaged.passUnretained(self).toOpaque()

        spotter_curl_setopt_string(curl, CURLOPT_URL, request.url)
        if let shared = pool?.pool {
            _ = spotter_curl_use_pool(curl, shared)
            spotter_curl_setopt_long(curl, CURLOPT_MAXCONNECTS, CurlConnectionPool.maximumConnections)
        }
        spotter_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
        if let socket = request.unixSocket {
            spotter_curl_setopt_string(curl, CURLOPT_UNIX_SOCKET_PATH, socket)
        }
        spotter_curl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeout.milliseconds)
        if let total = request.totalTimeout {
            spotter_curl_setopt_long(curl, CURLOPT_TIMEOUT_MS, total.milliseconds)
        }
        if let idle = request.idleTimeout {
            spotter_curl_setopt_long(curl, CURLOPT_LOW_SPEED_LIMIT, 1)
            spotter_curl_setopt_long(curl, CURLOPT_LOW_SPEED_TIME, max(1, idle.milliseconds / 1000))
        }
        switch request.method.uppercased() {
        case "GET": break
        case "HEAD": spotter_curl_setopt_long(curl, CURLOPT_NOBODY, 1)
        case "POST": spotter_curl_setopt_long(curl, CURLOPT_POST, 1)
        default: spotter_curl_setopt_string(curl, CURLOPT_CUSTOMREQUEST, request.method.uppercased())
        }
        if let body = request.body {
            spotter_curl_setopt_offset(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { raw in
                // COPYPOSTFIELDS copies the bytes, so the buffer need not outlive this call.
                _ = spotter_curl_setopt_pointer(curl, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
        }
        // "Expect:" stops curl from waiting for 100-continue on large bodies.
        for (name, value) in request.headers + [("Expect", "")] {
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }
        spotter_curl_setopt_slist(curl, CURLOPT_HTTPHEADER, headerList)

        spotter_curl_setopt_data_cb(curl, CURLOPT_HEADERFUNCTION) { ptr, size, count, user in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(user!).takeUnretainedValue()
            let n = size * count
            guard let ptr else { return n }
            transfer.onHeaderLine(String(decoding: UnsafeRawBufferPointer(start: ptr, count: n), as: UTF8.self))
            return n
        }
        spotter_curl_setopt_pointer(curl, CURLOPT_HEADERDATA, me)
        spotter_curl_setopt_data_cb(curl, CURLOPT_WRITEFUNCTION) { ptr, size, count, user in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(user!).takeUnretainedValue()
            let n = size * count
            if transfer.isCancelled { return 0 }  // aborts with CURLE_WRITE_ERROR
            guard let ptr, n > 0 else { return n }
            transfer.onBody(Data(bytes: ptr, count: n))
            return n
        }
        spotter_curl_setopt_pointer(curl, CURLOPT_WRITEDATA, me)
        spotter_curl_setopt_long(curl, CURLOPT_NOPROGRESS, 0)
        spotter_curl_setopt_progress_cb(curl) { user, _, _, _, _ in
            Unmanaged<CurlTransfer>.fromOpaque(user!).takeUnretainedValue().isCancelled ? 1 : 0
        }
        spotter_curl_setopt_pointer(curl, CURLOPT_XFERINFODATA, me)

        let code = curl_easy_perform(curl)
        if isCancelled {
            continuation.finish(throwing: HTTPClientError(.cancelled, "request cancelled"))
            return
        }
        guard code == CURLE_OK else {
            continuation.finish(throwing: Self.error(for: code, request: request))
            return
        }
        sendHeadIfNeeded()
        continuation.finish()
    }

    private func onHeaderLine(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            headers = [:]  // a new response head (e.g. after 100 Continue)
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return }
        let name = trimmed[..<colon].lowercased()
        let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        headers[name] = value
    }

    private func onBody(_ data: Data) {
        sendHeadIfNeeded()
        continuation.yield(.body(data))
    }

    private func sendHeadIfNeeded() {
        guard !headSent, let handle else { return }
        headSent = true
        var status = 0
        _ = spotter_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        continuation.yield(.head(status: status, headers: headers))
    }

    private static func error(for code: CURLcode, request: HTTPRequest) -> HTTPClientError {
        let detail = String(cString: curl_easy_strerror(code))
        let target = request.unixSocket.map { "unix socket \($0)" } ?? request.url
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return HTTPClientError(.connectionFailed, "cannot connect to \(target): \(detail)")
        case CURLE_OPERATION_TIMEDOUT:
            return HTTPClientError(.timedOut, "request to \(target) timed out: \(detail)")
        default:
            return HTTPClientError(.transport, "request to \(target) failed: \(detail)")
        }
    }
}

extension Duration {
    var milliseconds: Int {
        let (s, attos) = components
        return Int(s) * 1000 + Int(attos / 1_000_000_000_000_000)
    }
}
