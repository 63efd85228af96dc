import Foundation
import Testing
@testable import Tracker

@Suite struct TrackerUploadTests {
    @Test func dataURL_givesBytesAndType() throws {
        let png = try Fixtures.data("push_day_sans.png")
        let body = Data(#"{"image": "data:image/png;base64,\#(png.base64EncodedString())"}"#.utf8)
        let upload = try TrackerUpload.decode(body, limits: ImageLimits())
        #expect(upload.image == png)
        #expect(upload.contentType == "image/png")
    }

    @Test func badBodies_areRejectedWithStatus() {
        func status(_ s: String, maxBytes: Int = 1000) -> TrackerError.Kind?? {
            do { _ = try TrackerUpload.decode(Data(s.utf8), limits: ImageLimits(maxBytes: maxBytes)); return nil }
            catch let e as TrackerError { return e.kind } catch { return .some(nil) }
        }
        #expect(status("") == TrackerError.Kind.empty)
        #expect(status(#"{"image": ""}"#) == TrackerError.Kind.empty)
        #expect(status("not json") == TrackerError.Kind.corrupt)
        #expect(status(#"{"picture": "AAAA"}"#) == TrackerError.Kind.corrupt)
        #expect(status(#"{"image": "!!!!"}"#) == TrackerError.Kind.corrupt)
        #expect(status(#"{"image": "\#(String(repeating: "A", count: 2000))"}"#) == TrackerError.Kind.tooLarge)
    }
}
