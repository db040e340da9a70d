import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VoorveldHTTP

@Suite("Metrics")
struct MetricsTests {
    @Test("/metrics counts requests by route template, times candidate searches, counts refused bookings and shows the pool")
    func metrics() async throws {
        let environment = try await TestEnvironment.seeded()
        let ids = try await AccessMatrixTests.ids(environment)
        let hulpvraag = ids["hulpvraag-heteren"]!
        try await HulpvragenTests.app(environment).test(.router) { client in
            let kernteamlid = HulpvragenTests.headers(Demo.kernteamlid.token)
            for _ in 0..<2 {
                try await client.execute(uri: "/v1/hulpvragen/\(hulpvraag)/kandidaten", method: .get, headers: kernteamlid) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/v1/hulpvragen/\(UUID())", method: .get, headers: kernteamlid) { #expect($0.status == .notFound) }
            // The volunteer the hulpvraag already has, proposed again: refused by the database's rule.
            try await client.execute(uri: "/v1/hulpvragen/\(hulpvraag)/koppelingen", method: .post, headers: kernteamlid,
                                     body: ByteBuffer(string: #"{"vrijwilliger": "\#(ids["overbetuwe"]!)"}"#)) { #expect($0.status == .conflict) }
            let text = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Demo.beheerder.token)"]) { response in
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
}
