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
        func status(_ s: String, maxBytes: Int = 1000) -> Int? {
            do { _ = try TrackerUpload.decode(Data(s.utf8), limits: ImageLimits(maxBytes: maxBytes)); return nil }
            catch let e as TrackerError { return e.status } catch { return -1 }
        }
        #expect(status("") == 422)
        #expect(status(#"{"image": ""}"#) == 422)
        #expect(status("not json") == 400)
        #expect(status(#"{"picture": "AAAA"}"#) == 400)
        #expect(status(#"{"image": "!!!!"}"#) == 400)
        #expect(status(#"{"image": "\#(String(repeating: "A", count: 2000))"}"#) == 413)
    }
}
