import Hummingbird
import NIOCore

/// `GET /openapi.json`: the socket API's OpenAPI 3.1 document (`openapi.yaml`, converted to JSON
/// once at start-up; see `OpenAPIDocument`). 503 when the daemon started without it.
struct OpenAPIRoutes: RouteGroup {
    let document: OpenAPIDocument?

    func register(on router: Router<SpotterRequestContext>) {
        let document = self.document
        router.get("/openapi.json") { _, _ in
            guard let document else {
                throw APIError.unavailable("this daemon started without its OpenAPI document; start it from the repository (or pass --openapi PATH)")
            }
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: document.json)))
        }
    }
}
