#!/usr/bin/env python3
"""Render the Tracker test image set: workout plans as PNG plus their ground-truth JSON.

Usage: python3 scripts/make_tracker_images.py [OUT_DIR]
       (default OUT_DIR: Tests/TrackerTests/Fixtures)

Needs Pillow (`pip install pillow` or Debian `python3-pil`) and the Debian fonts
`fonts-dejavu-core` (required) and `fonts-liberation` (used when installed).
Output is deterministic (seeded noise), so re-running it reproduces the committed files.

Ground truth, one `NAME.json` beside each `NAME.png`:
  {"image": "NAME.png", "style": "...",
   "entries": [{"exercise": "Bench Press",   # the name as written on the image
                "sets": 3, "reps": 8 | {"min": 8, "max": 12} | null,
                "weight": 80 | null, "unit": "kg" | "lb" | null}, ...]}
Only exercise lines are entries; headings, dates and titles are not.
"""
import json
import os
import random
import sys

from PIL import Image, ImageDraw, ImageFilter, ImageFont

DEJAVU = "/usr/share/fonts/truetype/dejavu/"
LIBERATION = "/usr/share/fonts/truetype/liberation/"


def font(name, size):
    for directory in (DEJAVU, LIBERATION):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    return ImageFont.truetype(os.path.join(DEJAVU, "DejaVuSans.ttf"), size)


def e(name, sets=None, reps=None, weight=None, unit=None):
    return {"exercise": name, "sets": sets, "reps": reps, "weight": weight, "unit": unit}


def rng(lo, hi):
    return {"min": lo, "max": hi}


# (lines to draw, ground-truth entries)
PLANS = {
    "push_day": ([
        "Day 1 — Push",
        "Bench Press 3x8 @ 80kg",
        "Overhead Press 4x6 @ 50 kg",
        "Incline Dumbbell Press 3x10-12 @ 24kg",
        "Triceps Pushdown 3 sets of 15",
        "Rest 90s between sets",
    ], [
        e("Bench Press", 3, 8, 80, "kg"),
        e("Overhead Press", 4, 6, 50, "kg"),
        e("Incline Dumbbell Press", 3, rng(10, 12), 24, "kg"),
        e("Triceps Pushdown", 3, 15),
    ]),
    "leg_day": ([
        "Monday 12/03/2024",
        "1. Squat 5x5 100kg",
        "2. Romanian Deadlift 3x8 225 lbs",
        "3. Leg Press 4 x 12 @ 180 kg RPE 8",
        "4. Walking Lunge 3x20",
        "5. Standing Calf Raise 4x15 @ 60kg",
    ], [
        e("Squat", 5, 5, 100, "kg"),
        e("Romanian Deadlift", 3, 8, 225, "lb"),
        e("Leg Press", 4, 12, 180, "kg"),
        e("Walking Lunge", 3, 20),
        e("Standing Calf Raise", 4, 15, 60, "kg"),
    ]),
    "pull_day": ([
        "PULL DAY",
        "- Deadlift 140x5, 150x3, 160x1",
        "- Barbell Row 4x8 @ 70kg, 2 RIR",
        "- Pull-ups 3 sets of 8-10 reps",
        "- Face Pull 3x15 @ 20 kg",
        "- Hammer Curl 3x12 @ 14kg",
    ], [
        e("Deadlift", 3, rng(1, 5), 160),
        e("Barbell Row", 4, 8, 70, "kg"),
        e("Pull-ups", 3, rng(8, 10)),
        e("Face Pull", 3, 15, 20, "kg"),
        e("Hammer Curl", 3, 12, 14, "kg"),
    ]),
    "supersets": ([
        "Upper Body A",
        "A1. Dumbbell Bench Press 3x10 @ 30kg",
        "A2. Chest Supported Row 3x10 @ 25kg",
        "B1. Lateral Raise 3x15 @ 8kg",
        "B2. Bicep Curl 3x12 @ 12kg",
        "Rest 2 min after each superset",
    ], [
        e("Dumbbell Bench Press", 3, 10, 30, "kg"),
        e("Chest Supported Row", 3, 10, 25, "kg"),
        e("Lateral Raise", 3, 15, 8, "kg"),
        e("Bicep Curl", 3, 12, 12, "kg"),
    ]),
    "conditioning": ([
        "Conditioning",
        "Circuit x3 rounds:",
        "10 Burpees",
        "15 Kettlebell Swings @ 24kg",
        "20 Air Squats",
        "EMOM 10 min:",
        "5 Pull-ups",
    ], [
        e("Burpees", 3, 10),
        e("Kettlebell Swings", 3, 15, 24, "kg"),
        e("Air Squats", 3, 20),
        e("Pull-ups", None, 5),
    ]),
}


def render_plain(lines, face, size, fg=(0, 0, 0), bg=(255, 255, 255), margin=30, spacing=1.6, width=None):
    f = font(face, size)
    widths = [f.getbbox(line)[2] for line in lines]
    w = width or (max(widths) + 2 * margin)
    h = int(len(lines) * size * spacing + 2 * margin)
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        d.text((margin, margin + i * size * spacing), line, font=f, fill=fg)
    return img


def whiteboard(lines, seed):
    """Low contrast: grey marker on an unevenly lit off-white board, slight rotation, blur."""
    r = random.Random(seed)
    img = render_plain(lines, "DejaVuSans.ttf", 30, fg=(95, 105, 120), bg=(205, 208, 200), margin=50)
    w, h = img.size
    shade = Image.linear_gradient("L").resize((w, h)).point(lambda v: int(v * 0.25))
    dark = Image.new("RGB", (w, h), (150, 150, 150))
    img = Image.composite(dark, img, shade)
    img = img.rotate(r.uniform(1.5, 2.5), resample=Image.BICUBIC, expand=True, fillcolor=(205, 208, 200))
    img = img.filter(ImageFilter.GaussianBlur(1.0))
    return noisy(img, r, 8)


def whiteboard_hard(lines, seed):
    """Harder whiteboard: smaller marker text, lower contrast, stronger blur, glare."""
    r = random.Random(seed)
    img = render_plain(lines, "DejaVuSans.ttf", 20, fg=(120, 128, 140), bg=(200, 204, 198), margin=40)
    w, h = img.size
    glare = Image.radial_gradient("L").resize((w, h)).point(lambda v: int((255 - v) * 0.35))
    img = Image.composite(Image.new("RGB", (w, h), (245, 245, 245)), img, glare)
    img = img.rotate(-r.uniform(3.0, 4.0), resample=Image.BICUBIC, expand=True, fillcolor=(200, 204, 198))
    img = img.filter(ImageFilter.GaussianBlur(1.4))
    return noisy(img, r, 12)


def photo(lines, seed):
    """A printed sheet photographed slightly askew: rotation, blur, sensor noise."""
    r = random.Random(seed)
    img = render_plain(lines, "DejaVuSerif.ttf", 26, fg=(30, 30, 30), bg=(240, 236, 228), margin=40)
    img = img.rotate(-r.uniform(2.0, 3.0), resample=Image.BICUBIC, expand=True, fillcolor=(240, 236, 228))
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    return noisy(img, r, 10)


def noisy(img, r, amplitude):
    px = img.load()
    w, h = img.size
    for _ in range(w * h // 6):
        x, y = r.randrange(w), r.randrange(h)
        n = r.randint(-amplitude, amplitude)
        p = px[x, y]
        px[x, y] = tuple(max(0, min(255, c + n)) for c in p)
    return img


def screenshot(lines, dark=False):
    """A phone screenshot: status bar, title, one card per line, at phone resolution."""
    w = 540
    bg, card, fg, sub = ((18, 18, 20), (38, 38, 42), (235, 235, 235), (160, 160, 170)) if dark else \
        ((242, 242, 247), (255, 255, 255), (20, 20, 20), (110, 110, 120))
    title, body = lines[0], lines[1:]
    fsmall, ftitle, fbody = font("DejaVuSans.ttf", 18), font("DejaVuSans-Bold.ttf", 30), font("DejaVuSans.ttf", 22)
    h = 150 + len(body) * 70 + 40
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    d.text((24, 14), "9:41", font=fsmall, fill=fg)
    d.text((w - 80, 14), "87%", font=fsmall, fill=fg)
    d.text((24, 70), title, font=ftitle, fill=fg)
    for i, line in enumerate(body):
        top = 140 + i * 70
        d.rounded_rectangle((16, top, w - 16, top + 58), radius=12, fill=card)
        d.text((32, top + 16), line, font=fbody, fill=fg)
    return img


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Tests", "TrackerTests", "Fixtures")
    os.makedirs(out, exist_ok=True)
    images = [
        ("push_day_sans", "push_day", "clean DejaVu Sans 28 px", lambda l: render_plain(l, "DejaVuSans.ttf", 28)),
        ("leg_day_serif_small", "leg_day", "DejaVu Serif 15 px (small text)", lambda l: render_plain(l, "DejaVuSerif.ttf", 15, margin=12)),
        ("pull_day_mono", "pull_day", "DejaVu Sans Mono 22 px", lambda l: render_plain(l, "DejaVuSansMono.ttf", 22)),
        ("supersets_liberation", "supersets", "Liberation Sans 24 px (DejaVu Sans if absent)", lambda l: render_plain(l, "LiberationSans-Regular.ttf", 24)),
        ("conditioning_bold", "conditioning", "DejaVu Sans Bold 26 px", lambda l: render_plain(l, "DejaVuSans-Bold.ttf", 26)),
        ("push_day_whiteboard", "push_day", "whiteboard: low contrast, uneven light, 2 deg rotation, blur", lambda l: whiteboard(l, 7)),
        ("leg_day_photo", "leg_day", "photo of a printout: -2.5 deg rotation, blur, noise", lambda l: photo(l, 11)),
        ("pull_day_screenshot", "pull_day", "phone screenshot, light mode", lambda l: screenshot(l)),
        ("supersets_screenshot_dark", "supersets", "phone screenshot, dark mode", lambda l: screenshot(l, dark=True)),
    ]
    images += [
        ("pull_day_whiteboard_hard.png", "pull_day", "hard whiteboard: 20 px, low contrast, glare, -3.5 deg, blur 1.4", lambda l: whiteboard_hard(l, 5)),
        ("conditioning_photo.jpg", "conditioning", "photo as JPEG quality 60", lambda l: photo(l, 3)),
        ("leg_day_screenshot.webp", "leg_day", "phone screenshot as lossy WebP", lambda l: screenshot(l)),
    ]
    for name, plan, style, draw in images:
        lines, entries = PLANS[plan]
        img = draw(lines).convert("L") if "screenshot" not in name else draw(lines)
        if "." not in name:
            name += ".png"
        stem, ext = os.path.splitext(name)
        if ext == ".jpg":
            img.save(os.path.join(out, name), quality=60)
        elif ext == ".webp":
            img.save(os.path.join(out, name), quality=70)
        else:
            img.save(os.path.join(out, name), optimize=True)
        with open(os.path.join(out, stem + ".json"), "w") as fh:
            json.dump({"image": name, "style": style, "entries": entries}, fh, indent=2)
            fh.write("\n")
        print(name, img.size)


if __name__ == "__main__":
    main()
