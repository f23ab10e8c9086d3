"""Calls that capture what a screen shows, a camera sees or a microphone hears.

MITRE ATT&CK files these together as collection from the user's surroundings: T1113
Screen Capture, T1125 Video Capture, T1123 Audio Capture. To a user they are one act
whatever the program: someone who stops letting the agent take screenshots after one
caught a customer's data, or open a camera after it filmed people, stops it for every
tool that does so. Each tool below is read from its own manual:

- tools whose every run captures (``_CAPTURERS``), unless it only prints help, its version
  or the devices it could use: screenshots (scrot(1), maim(1), gnome-screenshot(1),
  spectacle(1), grim(1), grimshot, hyprshot, ImageMagick's import(1), xwd(1), fbgrab(1),
  fbcat, macOS screencapture(1), mate-screenshot, xfce4-screenshooter, shutter, ksnip),
  screen recorders (wf-recorder(1), byzanz-record(1), simplescreenrecorder,
  recordmydesktop(1), kazam, peek, wl-screenrec, gpu-screen-recorder, scrcpy: an Android
  device's screen, camera or microphone mirrored or recorded), cameras (fswebcam(1),
  imagesnap, streamer(1), raspistill, raspivid, libcamera-* and rpicam-* apps,
  termux-camera-photo) and microphones (arecord(1), parecord(1), parec, pw-record(1),
  sox's rec(1), termux-microphone-record);
- ``flameshot gui|full|screen`` (its other commands configure it);
- ffmpeg(1), ffplay and ffprobe reading a capture device (ffmpeg-devices(1): ``-f`` x11grab,
  kmsgrab, fbdev, gdigrab, avfoundation, dshow, v4l2, alsa, pulse, jack, oss, openal,
  sndio, decklink, android_camera), or a camera's ``/dev/video*`` file;
- a GStreamer pipeline with a capture source element (``v4l2src``, ``libcamerasrc``,
  ``pipewiresrc``, ``ximagesrc``, ``avfvideosrc``, ``alsasrc``, ``pulsesrc``,
  ``autovideosrc``... in gst-launch-1.0(1));
- v4l2-ctl(1) streaming frames (``--stream-mmap``, ``--stream-user``, ``--stream-dmabuf``,
  ``--stream-to``); gphoto2(1) ``--capture-*``; ``pw-cat --record``; sox(1) with ``-d``
  (the default device) as its input; OBS Studio started recording or streaming
  (``--startrecording``, ``--startstreaming``, ``--startreplaybuffer``,
  ``--startvirtualcam``); ``adb shell|exec-out screencap|screenrecord`` and ``xcrun simctl io ...
  screenshot|recordVideo``.

>>> from neuroplast.gate.shell import split_command
>>> [captures(s) for s in split_command(
...     "scrot -s a.png; scrot --help; ffmpeg -f x11grab -i :0 out.mp4; ffmpeg -i a.mp4 b.webm; "
...     "arecord -l; arecord -d 5 a.wav; gst-launch-1.0 v4l2src ! autovideosink")]
[True, False, True, False, False, True, True]
"""

from __future__ import annotations

from neuroplast.gate.outputs import option_values
from neuroplast.gate.shell import Segment

__all__ = ["captures"]

_CAPTURERS = frozenset({
    "scrot", "maim", "gnome-screenshot", "spectacle", "grim", "grimshot", "hyprshot", "import",
    "xwd", "fbgrab", "fbcat", "screencapture", "mate-screenshot", "xfce4-screenshooter",
    "shutter", "ksnip", "wf-recorder", "byzanz-record", "simplescreenrecorder",
    "recordmydesktop", "kazam", "peek", "wl-screenrec", "gpu-screen-recorder", "scrcpy",
    "fswebcam", "imagesnap", "streamer", "raspistill", "raspivid", "libcamera-still",
    "libcamera-vid", "libcamera-jpeg", "rpicam-still", "rpicam-vid", "rpicam-jpeg",
    "rpicam-raw", "termux-camera-photo", "arecord", "parecord", "parec", "pw-record", "rec",
    "termux-microphone-record"})
# options that only print help, a version or the devices a capture could use
_INFO_ONLY = frozenset({"-h", "--help", "--version", "-V", "-l", "-L", "--list-devices",
                        "--list-pcms", "--list-cameras", "--list-displays",
                        "--list-encoders", "--list-camera-sizes", "--list-apps",
                        "--list-monitors", "--list-outputs"})
_FFMPEG_DEVICES = frozenset({"x11grab", "kmsgrab", "fbdev", "gdigrab", "avfoundation", "dshow",
                             "v4l2", "video4linux2", "alsa", "pulse", "jack", "oss", "openal",
                             "sndio", "decklink", "android_camera", "pipewire"})
_GST_SOURCES = frozenset({
    "v4l2src", "libcamerasrc", "pipewiresrc", "ximagesrc", "avfvideosrc", "ksvideosrc",
    "dshowvideosrc", "mfvideosrc", "gdiscreencapsrc", "d3d11screencapturesrc",
    "dx9screencapsrc", "alsasrc", "pulsesrc", "autoaudiosrc", "autovideosrc", "osxaudiosrc",
    "wasapisrc", "wasapi2src", "directsoundsrc", "jackaudiosrc", "openalsrc", "osssrc",
    "oss4src", "decklinkvideosrc", "decklinkaudiosrc", "rpicamsrc", "nvarguscamerasrc"})
_V4L2_STREAMS = ("--stream-mmap", "--stream-user", "--stream-dmabuf", "--stream-to")
_OBS_STARTS = frozenset({"--startrecording", "--startstreaming", "--startreplaybuffer",
                         "--startvirtualcam"})


def _device_input(argv: tuple[str, ...]) -> bool:
    """ffmpeg's, ffplay's or ffprobe's input is a capture device (ffmpeg-devices(1)): a
    device format, or a camera's device file (ffplay and ffprobe take it without ``-i``)."""
    formats = option_values(argv, ("-f",), clusters=False)
    return (bool(set(formats) & _FFMPEG_DEVICES)
            or any(a.startswith("/dev/video") for a in argv[1:]))


def captures(seg: Segment) -> bool:
    """Whether ``seg`` captures a screen, a camera or a microphone (the ``capture`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head in _CAPTURERS:
        return not any(a in _INFO_ONLY for a in words)
    if head == "flameshot":
        return seg.subcommand in ("gui", "full", "screen")
    if head in ("ffmpeg", "ffplay", "ffprobe"):
        return _device_input(argv)
    if head.startswith("gst-launch"):
        return any((w.split() or [""])[0] in _GST_SOURCES for w in words)
    if head == "v4l2-ctl":
        return any(w.partition("=")[0] in _V4L2_STREAMS for w in words)
    if head == "gphoto2":
        return any(w.startswith("--capture-") for w in words)
    if head == "pw-cat":
        return "--record" in words or "-r" in words
    if head == "sox":  # -d before any file is the default device as input
        first = next((w for w in words if w == "-d" or not w.startswith("-")), "")
        return first == "-d"
    if head in ("obs", "obs-studio"):
        return bool(_OBS_STARTS.intersection(words))
    if head == "adb":
        return bool({"shell", "exec-out"} & set(words[:3])) and bool(
            {"screencap", "screenrecord"} & set(words))
    if head == "xcrun":
        return words[:2] == ("simctl", "io") and bool(
            {"screenshot", "recordVideo"} & set(words))
    return False
