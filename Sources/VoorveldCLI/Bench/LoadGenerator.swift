import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends HTTP requests to the service: closed loop (as fast as `concurrency` clients can) for the
/// maximum throughput, or open loop at a fixed arrival rate for latency, where each request's
/// time counts from when it was due, so queueing shows (no coordinated omission).
struct LoadGenerator {
    struct Request: Sendable {
        var method: HTTPMethod = .GET
        var url: String
        var token: String
        var body: String?
    }

    struct Result: Sendable {
        var latencies: [Duration]
        var statuses: [UInt: Int]
        var elapsed: Duration

        var count: Int { latencies.count }
        var perSecond: Double { Double(count) / elapsed.seconds }

        func percentile(_ p: Double) -> Duration { Bench.percentile(latencies, p) }
    }

    let client: HTTPClient

    func send(_ request: Request) async -> UInt {
        var http = HTTPClientRequest(url: request.url)
        http.method = request.method
        http.headers.add(name: "Authorization", value: "Bearer \(request.token)")
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = .bytes(ByteBuffer(string: body))
        }
        do {
            let response = try await client.execute(http, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 16 << 20)
            return response.status.code
        } catch {
            return 0
        }
    }

    /// `concurrency` clients, each sending its next request when the last one is answered.
    func closedLoop(_ requests: @escaping @Sendable (Int) -> Request, concurrency: Int, duration: Duration) async -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let end = start + duration
        let parts = await withTaskGroup(of: ([Duration], [UInt: Int]).self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var latencies: [Duration] = []
                    var statuses: [UInt: Int] = [:]
                    var index = worker
                    while clock.now < end {
                        let sent = clock.now
                        let status = await send(requests(index))
                        latencies.append(clock.now - sent)
                        statuses[status, default: 0] += 1
                        index += concurrency
                    }
                    return (latencies, statuses)
                }
            }
            return await group.reduce(into: [([Duration], [UInt: Int])]()) { $0.append($1) }
        }
        return Result(
            latencies: parts.flatMap(\.0),
            statuses: parts.reduce(into: [:]) { $0.merge($1.1, uniquingKeysWith: +) },
            elapsed: clock.now - start
        )
    }

    /// Requests arriving at `rate` per second for `duration`, whatever the answers do.
    func openLoop(_ requests: @escaping @Sendable (Int) -> Request, rate: Double, duration: Duration) async -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let total = Int(rate * duration.seconds)
        let answers = await withTaskGroup(of: (Duration, UInt).self) { group in
            for index in 0..<total {
                let due = start + .seconds(Double(index) / rate)
                try? await clock.sleep(until: due)
                group.addTask {
                    let status = await send(requests(index))
                    return (clock.now - due, status)
                }
            }
            return await group.reduce(into: [(Duration, UInt)]()) { $0.append($1) }
        }
        return Result(latencies: answers.map(\.0), statuses: answers.reduce(into: [:]) { $0[$1.1, default: 0] += 1 }, elapsed: clock.now - start)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    var milliseconds: Double { seconds * 1000 }
}
