import Foundation
import Tracker

/// Image validation by header (`ImageHeader.validate`): format sniffing, the PNG, JPEG and WebP
/// header readers and the size limits, with no declared type and with the type the bytes claim.
enum ImageHeaderHarness {
    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let data = Data(buffer: bytes)
        guard let header = try? ImageHeader.validate(data, declaredContentType: nil, limits: ImageLimits()) else { return }
        _ = try? ImageHeader.validate(data, declaredContentType: header.contentType, limits: ImageLimits())
    }
}
