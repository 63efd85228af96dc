// Tesseract's C API and Leptonica (Debian: libtesseract-dev, tesseract-ocr-eng).
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>
