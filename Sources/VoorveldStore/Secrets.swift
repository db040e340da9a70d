// bcrypt with a given salt, which HummingbirdBcrypt's API does not offer: its C core, built as
// part of hummingbird-auth.
import CBcrypt
import Foundation
import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// Random secrets for tokens and sessions: 256 bits from the system's CSPRNG, base64url.
public enum Secret {
    public static func generate(prefix: String = "") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return prefix + text
    }

    /// Whether two secrets are the same, in a time that does not depend on where they differ.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Whether `value` could be one of these without a prefix: 43 base64url characters.
    public static func isWellFormed(_ value: String) -> Bool {
        value.utf8.count == 43
            && value.utf8.allSatisfy { byte in
                byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            }
    }
}

/// bcrypt password hashing, off the Swift concurrency threads (a hash takes a noticeable fraction
/// of a second by design).
public struct PasswordHasher: Sendable {
    /// bcrypt's work factor; 12 in production. Tests lower it to stay fast.
    public var cost: UInt8

    public init(cost: UInt8 = 12) { self.cost = cost }

    public static let minimumLength = 10

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// The bcrypt hash of `password` with `salt` (`$2b$12$` and 22 characters: the start of a
    /// stored hash), for the database to compare with the hash it keeps (`inlog_afronden`). With
    /// no salt it does the same work with a throw-away one, so an unknown login name cannot be
    /// told apart by timing; nil when the salt is malformed.
    public func compute(_ password: String, salt: String?) async -> String? {
        let cost = cost
        let result = try? await NIOThreadPool.singleton.runIfActive { () -> String? in
            let salt = salt ?? String(PasswordHasher.dummyHash(cost: cost).prefix(29))
            var output = [CChar](repeating: 0, count: 128)
            guard c_hb_bcrypt_hashpass(password, salt, &output, output.count) == 0 else { return nil }
            return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return result ?? nil
    }

    private static let dummies = DummyHashes()

    static func dummyHash(cost: UInt8) -> String { dummies.hash(cost: cost) }
}

/// One throw-away hash per cost, made once.
private final class DummyHashes: Sendable {
    private let hashes = Mutex<[UInt8: String]>([:])

    func hash(cost: UInt8) -> String {
        if let known = hashes.withLock({ $0[cost] }) { return known }
        let made = Bcrypt.hash(Secret.generate(), cost: cost)
        hashes.withLock { $0[cost] = made }
        return made
    }
}

/// At most so many password checks at once, and so many waiting for their turn; beyond that a
/// login is refused at once ("try again in a moment") instead of queueing. A bcrypt check keeps a
/// core busy for a quarter of a second by design, so without a bound a burst of attempts (real or
/// hostile) makes every login wait for seconds.
public final class PasswordCheckLimiter: Sendable {
    /// One check per core, and a short queue behind them.
    public static let shared = PasswordCheckLimiter(
        running: max(1, ProcessInfo.processInfo.activeProcessorCount),
        waiting: 4 * max(1, ProcessInfo.processInfo.activeProcessorCount)
    )

    public let maxRunning: Int
    public let maxWaiting: Int

    private struct State {
        var running = 0
        var admitted = 0
        var peak = 0
        var queue: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    public init(running: Int, waiting: Int) {
        precondition(running > 0 && waiting >= 0)
        maxRunning = running
        maxWaiting = waiting
    }

    /// Runs `body` when a place is free, waiting in line for one; nil at once, without running
    /// it, when the line is full.
    public func run<T>(_ body: () async throws -> T) async rethrows -> T? {
        let admitted = state.withLock { state -> Bool in
            guard state.admitted < maxRunning + maxWaiting else { return false }
            state.admitted += 1
            return true
        }
        guard admitted else { return nil }
        await takePlace()
        defer { leavePlace() }
        return try await body()
    }

    /// The most checks that ever ran at once (for tests and metrics).
    public var peakRunning: Int { state.withLock { $0.peak } }
    /// How many are running or waiting now.
    public var inLine: Int { state.withLock { $0.admitted } }

    private func takePlace() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let runNow = state.withLock { state -> Bool in
                if state.running < maxRunning {
                    state.running += 1
                    state.peak = max(state.peak, state.running)
                    return true
                }
                state.queue.append(continuation)
                return false
            }
            if runNow { continuation.resume() }
        }
    }

    private func leavePlace() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.admitted -= 1
            // The place goes straight to the next in line, so `running` stays as it is.
            if !state.queue.isEmpty { return state.queue.removeFirst() }
            state.running -= 1
            return nil
        }
        next?.resume()
    }
}
