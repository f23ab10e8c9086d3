"""Calls that transcode media: a picture, an image sequence, a video or a sound decoded and
encoded again as a new file or stream, in another format, codec, bit depth, colour space,
size, rate or quality, whatever tool does it.

A transcode makes a new copy of what may be someone else's content, and a lossy one: a
dailies movie made without the right colour transform is graded wrong, a derivative left
on a disk is one more copy to account for, and a re-encode loses what the original had
(the MPA's and the Trusted Partner Network's Content Security Best Practices on tracking
derivative assets; ISO/IEC 14496 and the codecs' own documentation on lossy coding; NIST SP
800-53 MP-6 and SI-12 on handling and retaining media). A user's view of this is one view
whatever tool transcodes: someone who stops letting the agent run ``ffmpeg -i ... out.mp4``
after it made review movies from the wrong colour space stops it for ``magick``, ``sox``,
``cwebp``, ``HandBrakeCLI`` and ``oiiotool -o`` alike. So it is an act across programs
(``gate.acts``: ``* transcode``). Each tool is read from its own manual; help, format
lists, probing and analysis, copying streams into another container unchanged (``ffmpeg
-c copy``), lossless optimizers, media generated from nothing (a test pattern, a sine) and
documents are not the act:

- ffmpeg and avconv with an input and an output, unless every stream is copied unchanged
  and nothing is filtered, or the output is ``-f null`` (a decode that writes nothing);
  HandBrakeCLI with ``-o``; mencoder; ``vlc``/``cvlc`` with a ``--sout`` that transcodes;
  ``melt`` with an ``avformat`` consumer; GStreamer pipelines (``gst-launch-1.0``) with an
  encoder fed by something other than a test source;
- ImageMagick (``magick``, ``convert``, ``mogrify``, ``montage``, ``composite``) and
  GraphicsMagick (``gm convert|mogrify|montage|composite``) given a picture to read and one
  to write (``mogrify`` writes over what it reads); vips and vipsthumbnail; OpenImageIO's
  ``oiiotool -o``, ``iconvert`` and ``maketx``; OpenColorIO's ``ocioconvert``; sips with
  a format, size, rotation, flip, crop, pad or colour profile to set; Inkscape's exports;
  RAW developers (dcraw, ufraw-batch, darktable-cli, rawtherapee-cli);
- sox given a sound to read and one to write (not ``-n``/``--null``, a sound generated or
  only analysed), ffmpeg-normalize, ``shntool conv``;
- the encoders and decoders of one format each: lame, flac (not ``-t``, ``-a``), opusenc,
  opusdec, oggenc, oggdec, faac, fdkaac, cwebp, dwebp, gif2webp, img2webp, cjxl, djxl,
  avifenc, avifdec, heif-enc, heif-convert, cjpeg, djpeg, guetzli, pngquant (lossy
  quantization), gifski, x264, x265, vpxenc, aomenc, SvtAv1EncApp, rav1e,
  ``gst-transcoder-1.0``; gifsicle told to scale, resize, crop, rotate, flip, reduce
  colours or compress lossily; jpegoptim told a quality or size to reach (``-m``,
  ``--size``: otherwise lossless);
- Netpbm's converters (``jpegtopnm``, ``pnmtopng``: one format to another) and filters (a
  picture read and written changed: ``pamscale``, ``pnmcut``, ``ppmquant``...), not its
  generators (``ppmmake``, ``pbmtext``) nor its analysers (``pnmfile``, ``ppmhist``);
- a script's own: Pillow's ``Image.open(...)...save(``, OpenCV's ``imwrite``, imageio's
  writers, pydub's ``export``, MoviePy's ``write_videofile``, ffmpeg-python's ``output``.

>>> from neuroplast.gate.shell import split_command
>>> [transcodes(s) for s in split_command(
...     "ffmpeg -i in.mov -c:v libx264 out.mp4; ffmpeg -i in.mkv -c copy out.mp4; "
...     "ffmpeg -i in.mov; magick in.exr -resize 50% out.jpg; magick identify in.exr; "
...     "sox in.wav out.flac; sox -n tone.wav synth 1 sine 440; pnmtopng a.pnm; ppmmake red 9 9")]
[True, False, False, True, False, True, False, True, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import names_option, option_values, script_matches
from neuroplast.gate.shell import Segment

__all__ = ["transcodes"]

_NOT_RUN = frozenset({"--help", "-help", "--version", "-version", "-h", "-formats",
                      "-codecs", "-encoders", "-decoders", "-filters", "-pix_fmts",
                      "-sample_fmts", "-layouts", "-protocols", "-muxers", "-demuxers"})
_FFMPEGS = frozenset({"ffmpeg", "avconv"})
# ffmpeg's options that take no value (ffmpeg(1)), so the word after one may be the output
_FFMPEG_FLAGS = frozenset({"-y", "-n", "-vn", "-an", "-sn", "-dn", "-shortest", "-nostdin",
                           "-hide_banner", "-stats", "-nostats", "-re", "-copyts",
                           "-accurate_seek", "-noaccurate_seek", "-benchmark", "-xerror"})
# ffmpeg-devices(1)'s input devices and lavfi's filter graphs: recorded or generated, not
# decoded from media
_LIVE_INPUTS = frozenset({"x11grab", "v4l2", "video4linux2", "alsa", "pulse", "avfoundation",
                          "dshow", "gdigrab", "kmsgrab", "fbdev", "jack", "oss", "openal",
                          "sndio", "decklink", "lavfi"})
_FFMPEG_CODEC = re.compile(r"^-(?:c|codec|vcodec|acodec|scodec)(?::\S+)?$")
# ffmpeg's options that change what a copied stream would carry
_FFMPEG_PROCESSING = re.compile(r"^-(?:vf|af|filter(?::\S+)?|filter_complex|lavfi|s|r|ar|ac|"
                                r"b(?::\S+)?|crf|q(?::\S+)?|qscale(?::\S+)?|pix_fmt|"
                                r"sample_fmt|aspect|vframes|frames(?::\S+)?)$")
_MAGICKS = frozenset({"magick", "convert", "montage", "composite"})
_MAGICK_READ_ONLY = frozenset({"identify", "display", "import", "compare", "stream"})
# a file operand: a path, a name with an extension, stdin or stdout ("-"), or a format
# prefixed name (png:out.png); not a geometry, a percentage or an effect's name
_MEDIA_FILE = re.compile(r"/|[\w%*?\]-]\.[A-Za-z0-9]{2,5}$|^-$|^[A-Za-z0-9]+:.+\.[A-Za-z0-9]+$")
# one-format encoders and decoders: they transcode whatever file they are given
_CODECS = frozenset({
    "lame", "opusenc", "opusdec", "oggenc", "oggdec", "faac", "fdkaac", "cwebp", "dwebp",
    "gif2webp", "img2webp", "cjxl", "djxl", "avifenc", "avifdec", "heif-enc", "heif-convert",
    "heif-dec", "cjpeg", "djpeg", "guetzli", "pngquant", "gifski", "x264", "x265", "vpxenc",
    "aomenc", "SvtAv1EncApp", "rav1e", "ffmpeg-normalize", "vipsthumbnail", "maketx",
    "ocioconvert", "dcraw", "ufraw-batch", "darktable-cli", "rawtherapee-cli", "mencoder",
    "iconvert", "gst-transcoder-1.0"})
# jpegoptim(1) is lossless unless told a quality or size to reach
_JPEGOPTIM_LOSSY = frozenset({"-m", "--max", "-S", "--size"})
_FLAC_NO_ENCODE = frozenset({"-t", "--test", "-a", "--analyze"})
_GIFSICLE_CHANGES = re.compile(r"^--(?:scale|resize|resize-\w+|crop|rotate-\d+|flip-\w+|"
                               r"colors|lossy|color-method|dither)")
_SIPS_CHANGES = frozenset({"-s", "--setProperty", "-z", "--resampleHeightWidth", "-Z",
                           "--resampleHeightWidthMax", "--resampleWidth", "--resampleHeight",
                           "-r", "--rotate", "-f", "--flip", "-c", "--cropToHeightWidth",
                           "-p", "--padToHeightWidth", "--matchTo", "-m",
                           "--matchToWithIntent", "-e", "--embedProfile"})
_INKSCAPE_EXPORTS = re.compile(r"^(?:--export-(?:filename|type|png|pdf|eps|ps|plain-svg|emf|"
                               r"wmf)|-[oe])(?:=|$)")
_NETPBM_FORMATS = "pnm|ppm|pgm|pbm|pam"
_NETPBM_CONVERTER = re.compile(rf"^(?:\w+to(?:{_NETPBM_FORMATS})|(?:{_NETPBM_FORMATS})to\w+|"
                               r"anytopnm)$")
_NETPBM_PROGRAM = re.compile(rf"^(?:{_NETPBM_FORMATS})\w+$")
# Netpbm's generators and analysers (its manual's directory of programs): they make a
# picture from nothing or only report on one
_NETPBM_NOT_FILTERS = frozenset({
    "pbmmake", "pbmtext", "pbmtextps", "pbmupc", "pbmpage", "pbmnoise", "pgmramp", "pgmnoise",
    "pgmkernel", "pgmmake", "pgmcrater", "ppmmake", "ppmpat", "ppmrainbow", "ppmcie",
    "ppmcolors", "ppmforge", "pamgauss", "pamgradient", "pamseq", "pamcrater", "pnmfile",
    "pamfile", "ppmhist", "pgmhist", "pamsumm", "pamsummcol", "pnmpsnr", "pamslice",
    "pamtable", "pamvalidate", "pbmminkowski", "pamfind", "pamexec", "pnmcolormap"})
_GST_ENCODER = re.compile(r"^\w*enc(?:_\w+)?$")
_GST_TEST_SOURCE = re.compile(r"^\w*testsrc$")
_SCRIPT_TRANSCODE = re.compile(
    r"Image\.open\([^)]*\)[^;]*\.save\(|\bcv2\.imwrite\(|\bimageio\.(?:v\d\.)?"
    r"(?:imwrite|mimwrite|mimsave|imsave)\(|\.export\([^)]*format\s*=|write_videofile\(|"
    r"write_gif\(|\bffmpeg\.input\(.*\.output\(")


def _operands(words: tuple[str, ...] | list[str]) -> list[str]:
    return [w for w in words if not w.startswith("-") or w == "-"]


def _ffmpeg(argv: tuple[str, ...]) -> bool:
    if "-i" not in argv or len(argv) < 4:
        return False
    last, before = argv[-1], argv[-2]
    if last.startswith("-") and last != "-":
        return False
    if before.startswith("-") and before not in _FFMPEG_FLAGS:
        return False  # the last word is an option's value: no output (a probe)
    formats = option_values(argv, ("-f",))
    if "null" in formats:
        return False
    if _LIVE_INPUTS.intersection(formats) and argv.count("-i") == 1:
        return False  # its one input is a device (a capture) or a filter graph (generated)
    codecs = [argv[i + 1] for i, a in enumerate(argv[:-1]) if _FFMPEG_CODEC.match(a)]
    processing = any(_FFMPEG_PROCESSING.match(a) for a in argv)
    return not (codecs and all(c == "copy" for c in codecs) and not processing)


def _magick(head: str, words: tuple[str, ...]) -> bool:
    """ImageMagick and GraphicsMagick read a picture and write one: two files named (an
    image generated from a built-in, ``pattern:checkerboard``, is no file), or one that
    ``mogrify`` writes over."""
    if head in ("magick", "gm") and words[:1] and words[0] in _MAGICK_READ_ONLY:
        return False
    files = [w for w in words if _MEDIA_FILE.search(w) and not w.startswith("-")]
    if head == "mogrify" or words[:1] == ("mogrify",):
        return bool(files)
    return len(files) >= 2


def _pipeline(words: tuple[str, ...]) -> bool:
    elements = [w.split()[0] for w in " ".join(words).split("!") if w.strip()]
    encodes = any(_GST_ENCODER.match(e) for e in elements)
    sources = [e for e in elements if e.endswith("src") or e in ("playbin", "uridecodebin")]
    return encodes and any(not _GST_TEST_SOURCE.match(s) for s in sources)


def transcodes(seg: Segment) -> bool:
    """Whether ``seg`` decodes media and encodes it again as something new (the
    ``transcode`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if not words or names_option(words, _NOT_RUN):
        return False
    if head in _FFMPEGS:
        return _ffmpeg(argv)
    if head in _MAGICKS or head == "mogrify":
        return _magick(head, words)
    if head == "gm":
        return words[0] in ("convert", "mogrify", "montage", "composite") and _magick(
            head, words)
    if head == "sox":
        files = [w for w in _operands(words) if _MEDIA_FILE.search(w)]
        return len(files) >= 2 and not names_option(words, ("-n", "--null"))
    if head == "flac":
        return not names_option(words, _FLAC_NO_ENCODE) and bool(_operands(words))
    if head in _CODECS:
        return bool(_operands(words))
    if head in ("HandBrakeCLI", "handbrakecli"):
        return names_option(words, ("-o", "--output"))
    if head == "jpegoptim":
        return names_option(words, _JPEGOPTIM_LOSSY) or any(
            re.match(r"^-m\d", w) for w in words)
    if head == "gifsicle":
        return any(_GIFSICLE_CHANGES.match(w) for w in words)
    if head == "sips":
        return names_option(words, _SIPS_CHANGES)
    if head == "inkscape":
        return any(_INKSCAPE_EXPORTS.match(w) for w in words)
    if head == "oiiotool":
        return "-o" in words
    if head == "vips":
        return len([w for w in _operands(words) if _MEDIA_FILE.search(w)]) >= 2
    if head in ("vlc", "cvlc"):
        return any("transcode" in v for v in option_values(argv, ("--sout",)))
    if head == "melt":
        return any(v.startswith("avformat") for v in option_values(argv, ("-consumer",)))
    if head.startswith("gst-launch"):
        return _pipeline(words)
    if head == "shntool":
        return words[:1] == ("conv",)
    if _NETPBM_CONVERTER.match(head):
        return True
    if _NETPBM_PROGRAM.match(head):
        return head not in _NETPBM_NOT_FILTERS
    return script_matches(seg, _SCRIPT_TRANSCODE, frozenset({"python", "python3"}))
