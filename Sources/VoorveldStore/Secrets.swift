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
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Whether `value` could be one of these without a prefix: 43 base64url characters.
    public static func isWellFormed(_ value: String) -> Bool {
        value.utf8.count == 43 && value.utf8.allSatisfy { byte in
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

    /// Verifies `password` against `hash`; with no hash, it spends the same time and fails, so
    /// that an unknown login name cannot be told apart by timing.
    public func verify(_ password: String, hash: String?) async -> Bool {
        let cost = cost
        let result = try? await NIOThreadPool.singleton.runIfActive {
            guard let hash else {
                _ = Bcrypt.verify(password, hash: PasswordHasher.dummyHash(cost: cost))
                return false
            }
            return Bcrypt.verify(password, hash: hash)
        }
        return result ?? false
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
