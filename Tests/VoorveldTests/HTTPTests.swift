import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Logging
import Postgres
import TestDatabase
import Testing
import VoorveldHTTP
import VoorveldStore

@Suite("HTTP service")
struct HTTPTests {
    static func app(pool: ConnectionPool) -> some ApplicationProtocol {
        buildApplication(HTTPConfiguration(host: "127.0.0.1", port: 0), pool: pool, logger: Logger(label: "test"))
    }

    static func seededPool() async throws -> ConnectionPool {
        let pool = try await SeedLoaderTests.migratedPool()
        try await SeedLoader(directory: SeedLoaderTests.seedDirectory).load(into: pool)
        return pool
    }

    @Test("live and ready answer 200 with a reachable database")
    func healthy() async throws {
        let pool = try await Self.seededPool()
        try await Self.app(pool: pool).test(.router) { client in
            try await client.execute(uri: "/health/live", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"status\":\"ok\""))
            }
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"checks":{"database":"ok"},"status":"ok"}"# || String(buffer: response.body).contains("\"database\":\"ok\""))
            }
        }
        await pool.close()
    }

    @Test("ready answers 503 problem+json within seconds when the database is unreachable")
    func unreachableDatabase() async throws {
        let nowhere = TestDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: nowhere) }
        let pool = ConnectionPool(.init(connection: .unixSocket(directory: nowhere, database: "voorveld", user: "voorveld"), acquireTimeout: .seconds(30)))
        try await Self.app(pool: pool).test(.router) { client in
            let started = ContinuousClock.now
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(problem?["status"] as? Int == 503)
                #expect((problem?["checks"] as? [String: String])?["database"] == "onbereikbaar")
            }
            // Bounded by the readiness timeout, not by the pool's 30-second acquire timeout.
            #expect(ContinuousClock.now - started < .seconds(10))
            try await client.execute(uri: "/health/live", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        await pool.close()
    }

    @Test("unknown addresses get a Dutch problem+json 404; every answer has a request id and security headers")
    func problemsAndHeaders() async throws {
        let pool = try await Self.seededPool()
        try await Self.app(pool: pool).test(.router) { client in
            try await client.execute(uri: "/bestaat-niet", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(problem?["title"] as? String == "Niet gevonden")
                #expect(problem?["instance"] as? String == "/bestaat-niet")
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
            try await client.execute(uri: "/health/live", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "abc-123"]) { response in
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] == "abc-123")
                #expect(response.headers[.cacheControl] == "no-store")
            }
            // An id that is not a sane token is replaced, not echoed into logs and headers.
            try await client.execute(uri: "/health/live", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "<script>"]) { response in
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] != "<script>")
            }
        }
        await pool.close()
    }

    @Test("the start page lists the seeded gemeenten")
    func startPage() async throws {
        let pool = try await Self.seededPool()
        try await Self.app(pool: pool).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<html lang=\"nl\">"))
                #expect(html.contains("<th scope=\"row\">Overbetuwe</th><td>14</td><td>8</td>"))
                #expect(html.contains("<th scope=\"row\">Twenterand</th><td>9</td><td>2</td>"))
            }
        }
        await pool.close()
    }
}
