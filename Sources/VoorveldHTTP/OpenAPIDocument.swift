/// The API's contract (OpenAPI 3.1, in Dutch), served at `/v1/openapi.json`: the file
/// `openapi.json` beside this one, edited by hand and compiled into the program.
/// `OpenAPIContractTests` checks every route against it and every answer the tests get against
/// its schema.
enum OpenAPIDocument {
    static let json = String(decoding: PackageResources.openapi_json, as: UTF8.self)
}
