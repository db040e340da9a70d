import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import TestDatabase
import Testing
import VoorveldHTTP
import VoorveldStore

@Suite("HTTP service")
struct HTTPTests {
    static func app(_ dependencies: AppDependencies) -> some ApplicationProtocol {
        buildApplication(HTTPConfiguration(host: "127.0.0.1", port: 0), dependencies: dependencies, logger: Logger(label: "test"))
    }

    @Test("live and ready answer 200 with a reachable database")
    func healthy() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Self.app(environment.dependencies).test(.router) { client in
            try await client.execute(uri: "/health/live", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"status\":\"ok\""))
            }
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"database\":\"ok\""))
            }
        }
        await environment.close()
    }

    @Test("ready stays 200 while every pooled connection is busy: a busy pool is not a database that is down")
    func readyWhilePoolIsBusy() async throws {
        let environment = try await TestEnvironment.seeded()
        let pool = environment.dependencies.pool
        try await Self.app(environment.dependencies).test(.router) { client in
            // Ready before, so the check's own connection is open: what follows does not depend on
            // this machine opening one within the check's two seconds.
            let ready = try await TestDatabase.waitUntil(every: .milliseconds(100)) { await pool.ping() }
            try #require(ready, "the database did not answer the readiness check within 120 s")
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Every pooled connection held until the check has answered (then cancelled), not
                // for a fixed time that a slow machine could use up first.
                for _ in 0..<pool.configuration.maxConnections {
                    group.addTask { try await pool.withConnection { _ in try await Task.sleep(for: .seconds(600)) } }
                }
                let busy = try await TestDatabase.waitUntil { await pool.statistics().inUse == pool.configuration.maxConnections }
                try #require(busy, "the pool's connections were not all taken within 120 s")
                // A 200 means the check did not wait for the pool: it gives up with 503 after two seconds.
                try await client.execute(uri: "/health/ready", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("\"database\":\"ok\""))
                }
                #expect(await pool.statistics().inUse == pool.configuration.maxConnections)
                group.cancelAll()
            }
        }
        await environment.close()
    }

    @Test("ready answers 503 problem+json within seconds when the database is unreachable")
    func unreachableDatabase() async throws {
        let nowhere = TestDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: nowhere) }
        let pool = ConnectionPool(
            .init(connection: .unixSocket(directory: nowhere, database: "voorveld", user: "voorveld"), acquireTimeout: .seconds(30))
        )
        try await Self.app(AppDependencies(pool: pool, hasher: TestEnvironment.hasher)).test(.router) { client in
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
        let environment = try await TestEnvironment.seeded()
        try await Self.app(environment.dependencies).test(.router) { client in
            try await client.execute(uri: "/v1/bestaat-niet", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(problem?["title"] as? String == "Niet gevonden")
                #expect(problem?["instance"] as? String == "/v1/bestaat-niet")
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.strictTransportSecurity]?.hasPrefix("max-age=") == true)
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            }
            // Outside the API a person gets a page in Dutch, with a way back.
            try await client.execute(uri: "/bestaat-niet", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = String(buffer: response.body)
                #expect(html.contains("<h1>Niet gevonden</h1>"))
                #expect(html.contains(#"<a href="/">Naar de startpagina</a>"#))
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            }
            // The service's own id, never the client's (PrivacyTests: the audit log's request id).
            try await client.execute(uri: "/health/live", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "abc-123"]) { response in
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] != "abc-123")
                #expect(response.headers[.cacheControl] == "no-store")
            }
            // An id that is not a sane token is not echoed into logs and headers either.
            try await client.execute(uri: "/health/live", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "<script>"]) { response in
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] != "<script>")
            }
            // Bodies over the limit are refused whole, with 413.
            let huge = ByteBuffer(repeating: UInt8(ascii: "a"), count: 2 << 20)
            try await client.execute(uri: "/inloggen", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: huge) {
                response in
                #expect(response.status == .contentTooLarge)
                #expect(String(buffer: response.body).contains("groter dan toegestaan"))
            }
            try await client.execute(uri: "/v1/hulpvragen", method: .post, headers: [.contentType: "application/json"], body: huge) { response in
                #expect([.contentTooLarge, .unauthorized].contains(response.status))
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
        await environment.close()
    }

    @Test("the start page sends visitors to the login page and each role to its own pages, and shows the beheerder their own gemeente")
    func startPage() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Self.app(environment.dependencies).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/inloggen")
            }
            for (demo, start) in [(Demo.kernteamlid, "/hulpvragen"), (Demo.steunpunt, "/vrijwilligers"), (Demo.wethouder, "/cijfers")] {
                try await client.execute(uri: "/", method: .get, headers: [.authorization: "Bearer \(demo.token)"]) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == start)
                }
            }
            try await client.execute(uri: "/", method: .get, headers: [.authorization: "Bearer \(Demo.beheerder.token)"]) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<html lang=\"nl\">"))
                #expect(html.contains("Gemeente Overbetuwe: 14 kernen, 8 kernteams."))
                #expect(!html.contains("Twenterand"))
            }
        }
        await environment.close()
    }
}
