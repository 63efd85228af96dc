import CTesseract

extension TesseractOCR {
    /// Grayscale, invert dark backgrounds, upscale small images; optionally flatten the background.
    /// Returns a new 8-bit `Pix` the caller destroys, or `nil` when Leptonica fails.
    ///
    /// Binarisation is left to Tesseract (its internal Otsu on the grayscale image). Measured on
    /// the fixture set: Leptonica background normalisation dropped the hard whiteboard's F1 from
    /// 0.52 to 0.21 (it amplifies glare edges into junk glyphs), Sauvola binarisation lost the
    /// whole image, contrast normalisation cost 2 fields; hence `normaliseBackground` is off by default.
    static func preprocess(_ source: UnsafeMutablePointer<PIX>, normaliseBackground: Bool) -> UnsafeMutablePointer<PIX>? {
        guard var gray = pixConvertTo8(source, 0) else { return nil }

        // Dark mode: light text on a dark background reads better inverted.
        var mean: Float = 0
        if pixGetAverageMasked(gray, nil, 0, 0, 4, Int32(L_MEAN_ABSVAL), &mean) == 0, mean < 110 {
            pixInvert(gray, gray)
        }

        // Upscale so that small renderings and thumbnails give Tesseract ~30 px letters.
        let width = pixGetWidth(gray), height = pixGetHeight(gray)
        let longSide = max(width, height)
        if longSide < 1200 {
            let factor = min(4, Float(1200) / Float(longSide))
            if factor > 1.2, let scaled = pixScaleGrayLI(gray, factor, factor) {
                destroyPix(gray)
                gray = scaled
            }
        }

        // Uneven lighting (whiteboards, photos): flatten the background to white.
        if normaliseBackground, let flat = pixBackgroundNormSimple(gray, nil, nil) {
            destroyPix(gray)
            gray = flat
        }
        return gray
    }
}

/// Releases a Leptonica image (pixDestroy takes a pointer to an optional).
func destroyPix(_ pix: UnsafeMutablePointer<PIX>) {
    var p: UnsafeMutablePointer<PIX>? = pix
    pixDestroy(&p)
}
