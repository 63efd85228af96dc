import Foundation
import Testing
@testable import Tracker

@Suite struct ImageValidationTests {
    let service = TrackerService(backend: .ocr, limits: ImageLimits(maxBytes: 5_000_000, maxPixels: 40_000_000))

    /// A PNG whose (valid, checksummed) IHDR declares `width` x `height`, followed by IEND:
    /// a few dozen bytes that would decode to gigabytes.
    static func pngHeader(width: UInt32, height: UInt32) -> Data {
        var d = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        var chunk = Data("IHDR".utf8)
        for v in [width, height] { chunk.append(contentsOf: withUnsafeBytes(of: v.bigEndian, Array.init)) }
        chunk.append(contentsOf: [8, 2, 0, 0, 0])
        d.append(chunk)
        let crc = CRC32.checksum(chunk, range: 0..<chunk.count)
        d.append(contentsOf: withUnsafeBytes(of: crc.bigEndian, Array.init))
        d.append(contentsOf: [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
        return d
    }

    /// A minimal JPEG head: SOI, APP0, SOF0 declaring 640x480, then a scan and EOI.
    static func jpeg(width: UInt16 = 640, height: UInt16 = 480) -> Data {
        var d = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]) + Data("JFIF".utf8) + Data([0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
        d += Data([0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 3,
                   1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])
        d += Data([0xFF, 0xDA, 0x00, 0x0C, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0]) + Data(repeating: 0x55, count: 64)
        d += Data([0xFF, 0xD9])
        return d
    }

    func status(_ data: Data, _ type: String?) async -> (TrackerError.Kind?, String)? {
        do {
            _ = try await service.track(imageData: data, declaredContentType: type)
            return nil
        } catch let e as TrackerError {
            return (e.kind, e.message)
        } catch {
            return (nil, "\(error)")
        }
    }

    @Test func png_declaring100kBy100k_isRejected413_fromHeaderAlone() async throws {
        let bomb = Self.pngHeader(width: 100_000, height: 100_000)
        #expect(bomb.count < 64)
        let result = try #require(await status(bomb, "image/png"))
        #expect(result.0 == TrackerError.Kind.tooLarge)
        #expect(result.1 == "image is 100000x100000 pixels; the limit is 40 MP; resize it before uploading")
    }

    /// Regression (#15): 4294967295 × 4294967295 overflowed `width * height` and killed the daemon.
    @Test func png_declaringMaximalWidthAndHeight_isRejected413_withoutOverflow() async throws {
        let (status, message) = try #require(await status(Self.pngHeader(width: .max, height: .max), "image/png"))
        #expect(status == TrackerError.Kind.tooLarge)
        #expect(message.contains("4294967295x4294967295"))
    }

    @Test func header_readsRealFixtureSize() throws {
        let png = try Fixtures.data("push_day_sans.png")
        let header = try ImageHeader.validate(png, declaredContentType: "image/png", limits: ImageLimits())
        #expect(header == ImageHeader(format: .png, width: 619, height: 328))
    }

    @Test func jpeg_sizeIsReadFromSOF() throws {
        let header = try ImageHeader.validate(Self.jpeg(width: 4032, height: 3024), declaredContentType: "image/jpeg", limits: ImageLimits())
        #expect(header == ImageHeader(format: .jpeg, width: 4032, height: 3024))
    }

    @Test func truncatedJPEG_isRejected400() async throws {
        let whole = Self.jpeg()
        for cut in [3, 12, 22, whole.count - 1] {
            let result = try #require(await status(whole.prefix(cut), "image/jpeg"), "cut at \(cut) accepted")
            #expect(result.0 == TrackerError.Kind.corrupt, "cut at \(cut): \(result.1)")
            #expect(result.1.contains("truncated") || result.1.contains("corrupt"))
        }
    }

    @Test func truncatedPNG_isRejected400() async throws {
        let png = try Fixtures.data("push_day_sans.png")
        let result = try #require(await status(png.prefix(png.count / 2), "image/png"))
        #expect(result.0 == TrackerError.Kind.corrupt)
        #expect(result.1.contains("truncated"))
    }

    @Test func wrongContentType_isRejected415() async throws {
        let png = try Fixtures.data("push_day_sans.png")
        let mislabelled = try #require(await status(png, "image/jpeg"))
        #expect(mislabelled.0 == TrackerError.Kind.unsupportedType)
        #expect(mislabelled.1.contains("the bytes are PNG"))
        let notImage = try #require(await status(png, "text/plain"))
        #expect(notImage.0 == TrackerError.Kind.unsupportedType)
        let gif = try #require(await status(Data("GIF89a".utf8) + Data(repeating: 0, count: 40), nil))
        #expect(gif.0 == TrackerError.Kind.unsupportedType)
    }

    @Test func emptyBody_isRejected422() async throws {
        let result = try #require(await status(Data(), "image/png"))
        #expect(result.0 == TrackerError.Kind.empty)
    }

    @Test func tooManyBytes_isRejected413_namingTheLimit() async throws {
        let small = TrackerService(limits: ImageLimits(maxBytes: 1000))
        let png = try Fixtures.data("push_day_sans.png")
        do {
            _ = try await small.track(imageData: png, declaredContentType: "image/png")
            Issue.record("accepted a body over the byte limit")
        } catch let e as TrackerError {
            #expect(e.kind == TrackerError.Kind.tooLarge)
            #expect(e.message.contains("the limit is 1000 bytes"))
        }
    }

    @Test func octetStreamAndMissingType_areSniffed() throws {
        let png = try Fixtures.data("push_day_sans.png")
        #expect(try ImageHeader.validate(png, declaredContentType: nil, limits: ImageLimits()).format == .png)
        #expect(try ImageHeader.validate(png, declaredContentType: "application/octet-stream", limits: ImageLimits()).format == .png)
    }
}
