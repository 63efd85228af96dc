import NIOCore

/// The first handler of every connection's pipeline (raw bytes, before HTTP parsing): enforces
/// `ConnectionGuard`'s cap and header timeout, then passes bytes through untouched.
final class ConnectionGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State { case waitingForHead, passing, refused, done }

    private let limits: ConnectionGuard
    private var state = State.waitingForHead
    private var counted = false
    private var headerDeadline: Scheduled<Void>?
    /// The last bytes seen while looking for the end of the first request head (`\r\n\r\n`).
    private var tail: [UInt8] = []

    init(limits: ConnectionGuard) { self.limits = limits }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard !counted, state == .waitingForHead, headerDeadline == nil else { return }
        if limits.admit() {
            counted = true
        } else {
            state = .refused
        }
        let timeout = limits.headerTimeout
        headerDeadline = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: .nanoseconds(timeout.nanoseconds)) {
            switch self.state {
            case .waitingForHead:
                self.state = .done
                self.reply(context, ConnectionGuard.response(
                    status: "408 Request Timeout", code: "header_timeout",
                    message: "no complete request head within \(timeout); the connection is closed", retryAfter: nil))
            case .refused:
                self.refuse(context)
            case .passing, .done:
                break
            }
        }
    }

    private func refuse(_ context: ChannelHandlerContext) {
        state = .done
        reply(context, ConnectionGuard.response(
            status: "503 Service Unavailable", code: "too_many_connections",
            message: "the daemon has \(limits.maxConnections) open connections, its limit; retry shortly", retryAfter: 1))
    }

    func channelInactive(context: ChannelHandlerContext) {
        headerDeadline?.cancel()
        if counted {
            counted = false
            limits.release()
        }
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        headerDeadline?.cancel()
        if counted {
            counted = false
            limits.release()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .passing:
            context.fireChannelRead(data)
        case .refused:
            headerDeadline?.cancel()
            refuse(context)
        case .done:
            break
        case .waitingForHead:
            let buffer = unwrapInboundIn(data)
            if sawEndOfHead(buffer) {
                state = .passing
                headerDeadline?.cancel()
                headerDeadline = nil
            }
            context.fireChannelRead(data)
        }
    }

    /// Hummingbird answers a request it cannot parse (a malformed request line or header) with
    /// an empty `400`; this gives that answer the JSON error shape every other error has. The
    /// bodiless 400 head is recognised by its bytes and replaced whole.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let buffer = unwrapOutboundIn(data)
        if buffer.readableBytes < 200, let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes),
           text.hasPrefix("HTTP/1.1 400 "), text.lowercased().contains("content-length: 0\r\n"), text.hasSuffix("\r\n\r\n") {
            let replacement = ConnectionGuard.response(
                status: "400 Bad Request", code: "invalid_request",
                message: "the request could not be parsed as HTTP/1.1 (malformed request line or header)", retryAfter: nil)
            context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: replacement)), promise: promise)
            return
        }
        context.write(data, promise: promise)
    }

    /// Scans for `\r\n\r\n` across reads, keeping only the last three bytes between them.
    private func sawEndOfHead(_ buffer: ByteBuffer) -> Bool {
        let crlfcrlf: [UInt8] = [13, 10, 13, 10]
        var window = tail
        for byte in buffer.readableBytesView {
            window.append(byte)
            if window.count > 4 { window.removeFirst(window.count - 4) }
            if window == crlfcrlf { return true }
        }
        tail = Array(window.suffix(3))
        return false
    }

    private func reply(_ context: ChannelHandlerContext, _ bytes: [UInt8]) {
        let buffer = context.channel.allocator.buffer(bytes: bytes)
        context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in context.close(promise: nil) }
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
