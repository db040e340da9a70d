import Hummingbird

/// `/v1/openapi.json`: the contract of the API, in Dutch, open to everyone. A test checks it
/// against the router and every answer against its schema.
struct OpenAPIController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/openapi.json") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json))
            )
        }
    }
}
