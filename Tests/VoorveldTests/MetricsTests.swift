import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import VoorveldHTTP
import VoorveldStore

@Suite("Metrics")
struct MetricsTests {
    static let token = "scrape-" + Secret.generate()

    @Test("/metrics counts requests by route template, times candidate searches, counts refused bookings and shows the pool")
    func metrics() async throws {
        let environment = try await TestEnvironment.seeded()
        let ids = try await Fixtures.ids(environment)
        let hulpvraag = ids["hulpvraag-heteren"]!
        var dependencies = environment.dependencies
        dependencies.metricsToken = Self.token
        let app = buildApplication(HTTPConfiguration(port: 0), dependencies: dependencies, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let kernteamlid = Fixtures.headers(Demo.kernteamlid.token)
            for _ in 0..<2 {
                try await client.execute(uri: "/v1/hulpvragen/\(hulpvraag)/kandidaten", method: .get, headers: kernteamlid) {
                    #expect($0.status == .ok)
                }
            }
            try await client.execute(uri: "/v1/hulpvragen/\(UUID())", method: .get, headers: kernteamlid) { #expect($0.status == .notFound) }
            // The volunteer the hulpvraag already has, proposed again: refused by the database's rule.
            try await client.execute(
                uri: "/v1/hulpvragen/\(hulpvraag)/koppelingen",
                method: .post,
                headers: kernteamlid,
                body: ByteBuffer(string: #"{"vrijwilliger": "\#(ids["overbetuwe"]!)"}"#)
            ) { #expect($0.status == .conflict) }
            // Not for a user's token, however high its role; only for the scraper's.
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Demo.beheerder.token)"]) { response in
                #expect(response.status == .unauthorized)
            }
            let text = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.token)"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                return String(buffer: response.body)
            }
            #expect(text.contains(#"voorveld_http_requests_total{route="/v1/hulpvragen/{id}/kandidaten",method="GET",status="200"} 2"#))
            #expect(text.contains(#"voorveld_http_requests_total{route="/v1/hulpvragen/{id}",method="GET",status="404"} 1"#))
            #expect(text.contains(#"voorveld_http_requests_total{route="/v1/hulpvragen/{id}/koppelingen",method="POST",status="409"} 1"#))
            #expect(text.contains("voorveld_matching_duration_seconds_count 2"))
            #expect(text.contains(#"voorveld_booking_conflicts_total{rule="koppelingen_een_per_vrijwilliger"} 1"#))
            #expect(text.contains("voorveld_db_pool_max_connections 4"))
            // Ids never become labels.
            #expect(!text.contains(hulpvraag))
        }
        await environment.close()
    }

    @Test("beyond the requests in progress it may take, the service refuses at once with 503 and Retry-After; health and metrics still answer")
    func loadShedding() async throws {
        let environment = try await TestEnvironment.seeded()
        var dependencies = environment.dependencies
        dependencies.maxRequestsInFlight = 0  // every request is one too many
        dependencies.metricsToken = Self.token
        let app = buildApplication(HTTPConfiguration(port: 0), dependencies: dependencies, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/ik", method: .get, headers: [.authorization: "Bearer \(Demo.kernteamlid.token)"]) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "1")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/hulpvragen", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("Het is op dit moment te druk"))
            }
            try await client.execute(uri: "/health/ready", method: .get) { #expect($0.status == .ok) }
            let text = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.token)"]) { response in
                String(buffer: response.body)
            }
            #expect(text.contains("voorveld_http_requests_shed_total 2"))
        }
        await environment.close()
    }
}
