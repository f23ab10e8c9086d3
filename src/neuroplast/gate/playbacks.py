"""Calls that play sound: audio sent to a speaker, a sound server or a player's output.

Sound leaves the machine at once and reaches whoever is in the room, on the call or on the
air: a tone or a voice played while a microphone, a console or a stream is open is heard
by everyone it reaches, and cannot be taken back (an Emergency Alert System tone played
where it can air is a false alert, 47 CFR 11.45; NIST SP 800-53 Rev. 5 SC-15 treats the
audio a machine can emit as a channel of its own). A user's view of this is one view
whatever tool plays: someone who stops letting the agent run ``aplay`` stops it for
``paplay``, ``espeak`` and a media player's remote alike. So it is an act across programs
(``gate.acts``: ``* play``). Each tool is read from its own manual; listing devices or
voices, writing the sound to a file or to standard output, pausing or stopping, a muted
player, help and versions are not the act:

- sound servers' and drivers' players: aplay(1) (not ``-l``/``-L``, which list),
  paplay(1) and pacat(1) (not ``-r``/``--record``), ``pactl|pacmd play-sample``,
  ``pacmd play-file``, pw-play(1), pw-midiplay, pw-dsdplay and pw-cat(1) with
  ``-p``/``--playback``; speaker-test(1), beep(1); SoX's play(1), and sox(1) with the
  default device (``-d``) after its input; afplay(1); sndfile-play; canberra-gtk-play;
- speech synthesizers that speak unless told to write a file or standard output: espeak
  and espeak-ng (``-w``, ``--stdout``, ``-q`` and ``--voices`` are not), spd-say,
  ``festival --tts``, flite (not with ``-o``), macOS say(1) (not with ``-o``);
- players given something to play, unless muted or writing elsewhere: mpg123 and mpg321
  (not ``-w``, ``-s``/``--stdout``, ``-t``/``--test``), ogg123 (not ``-f``), mpv (not
  ``--no-audio``, ``--ao=null``, ``--o=``), mplayer (not ``-nosound``, ``-ao null``,
  ``-dumpstream``), vlc and cvlc (not ``--no-audio``, ``--sout``), ffplay (not ``-an``),
  timidity (not ``-o`` nor a mode ``-O`` that writes a file), fluidsynth with a MIDI file
  (not ``-F``), streamlink (plays in the player unless ``-o``, ``--stdout``, ``--json``),
  GStreamer's gst-play-1.0 and gst-launch-1.0 pipelines that end in an audio sink or a
  ``playbin``;
- players' remotes that start, resume or skip (a skip starts the next track): playerctl
  ``play|play-pause|next|previous|open``, mpc ``play|toggle|next|prev``, audtool
  ``playback-play|playback-playpause|playlist-advance|playlist-reverse|playlist-jump``,
  xmms2 ``play|toggle|next|prev|jump``, shpotify's ``spotify play|pause|next|prev|replay``
  (its ``pause`` "pauses (or resumes)"), spotify-tui's ``spt playback`` with
  ``--toggle|--next|--previous`` and ``spt play``; ``--play``, ``--play-pause``,
  ``--next``... of audacious, clementine, strawberry, rhythmbox-client, quodlibet,
  deadbeef, qmmp, mocp and cmus-remote, and audacious', clementine's and strawberry's files
  given to play (not ``--enqueue``/``--append``); ``catt cast`` and castnow, which play on
  a speaker or screen in the room.

>>> from neuroplast.gate.shell import split_command
>>> [plays_sound(s) for s in split_command(
...     "aplay alert.wav; aplay -l; espeak 'hello'; espeak -w out.wav hi; mpc toggle; "
...     "mpc status; mpv --no-audio clip.mp4; gst-launch-1.0 audiotestsrc ! autoaudiosink")]
[True, False, True, False, True, False, False, True]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["plays_sound"]

_NOT_PLAYING = frozenset({"--help", "--version", "--usage"})
_SHORT_HELP = frozenset({"aplay", "paplay", "pacat", "pw-play", "pw-cat", "pw-midiplay",
                         "pw-dsdplay", "espeak", "espeak-ng", "streamlink", "ffplay", "mocp",
                         "audacious", "clementine", "strawberry", "beep"})  # -h is help there
# programs that play whatever they are given (stdin included), unless an option says not to
_ALWAYS = frozenset({"aplay", "paplay", "pacat", "pw-play", "pw-midiplay", "pw-midi2play",
                     "pw-dsdplay", "speaker-test", "beep", "play", "afplay", "sndfile-play",
                     "canberra-gtk-play", "spd-say", "castnow", "mpg123", "mpg321", "ogg123",
                     "flite", "say", "espeak", "espeak-ng", "gst-play-1.0"})
# options (or whole words: ``--ao=null``) that make a player list, write or stay silent instead
_SILENT = {
    "aplay": frozenset({"-l", "-L", "--list-devices", "--list-pcms"}),
    "pacat": frozenset({"-r", "--record"}),
    "espeak": frozenset({"-w", "--stdout", "-q", "--voices", "--compile"}),
    "espeak-ng": frozenset({"-w", "--stdout", "-q", "--voices", "--compile"}),
    "flite": frozenset({"-o", "-lv"}),
    "say": frozenset({"-o", "--output-file"}),
    "mpg123": frozenset({"-w", "--wav", "--au", "--cdr", "-s", "--stdout", "-t", "--test"}),
    "mpg321": frozenset({"-w", "--wav", "-s", "--stdout", "-t", "--test"}),
    "ogg123": frozenset({"-f", "--file"}),
    "mpv": frozenset({"--no-audio", "--ao=null", "--o", "--aid=no", "--list-options"}),
    "mplayer": frozenset({"-nosound", "-dumpstream", "-dumpfile", "-dumpaudio"}),
    "vlc": frozenset({"--no-audio", "--noaudio", "--sout", "--list"}),
    "cvlc": frozenset({"--no-audio", "--noaudio", "--sout", "--list"}),
    "ffplay": frozenset({"-an"}),
    "timidity": frozenset({"-o", "--output-file"}),
    "fluidsynth": frozenset({"-F", "--fast-render"}),
    "streamlink": frozenset({"-o", "--output", "-O", "--stdout", "-j", "--json",
                             "--can-handle-url", "--player-external-http"}),
    "spd-say": frozenset({"-S", "--stop", "-C", "--cancel", "-L", "--list-output-modules",
                          "-O", "--list-synthesis-voices"}),
}
# timidity's output modes that write a file (timidity(1) -O): WAVE, raw, Sun au, AIFF,
# a MIDI event list, MOD, Ogg Vorbis, FLAC, Speex
_TIMIDITY_FILE_MODES = "wruaMlvFS"
_MIDI = (".mid", ".midi", ".kar")
# GStreamer elements that play what reaches them (gst-launch-1.0(1); each is the plugin's
# audio sink, or a playing bin that picks one)
_GST_PLAYING = frozenset({"autoaudiosink", "alsasink", "pulsesink", "pipewiresink", "osssink",
                          "oss4sink", "jackaudiosink", "openalsink", "osxaudiosink",
                          "directsoundsink", "wasapisink", "wasapi2sink", "playbin",
                          "playbin3", "playsink"})
# remotes -> their sub-commands that start, resume or skip playback
_REMOTE_COMMANDS = {
    "playerctl": frozenset({"play", "play-pause", "next", "previous", "open"}),
    "mpc": frozenset({"play", "toggle", "next", "prev", "cdprev"}),
    "audtool": frozenset({"playback-play", "playback-playpause", "playlist-advance",
                          "playlist-reverse", "playlist-jump"}),
    "xmms2": frozenset({"play", "toggle", "next", "prev", "jump"}),
    "spotify": frozenset({"play", "pause", "next", "prev", "replay"}),
    "spt": frozenset({"play"}),  # and ``spt playback`` with a starting option, below
    "catt": frozenset({"cast", "cast_site", "play", "play_toggle", "skip"}),
    "pactl": frozenset({"play-sample"}),
    "pacmd": frozenset({"play-sample", "play-file"}),
}
# remotes' options that take a value before the sub-command (playerctl -p spotify play;
# mpc's -h is its host)
_REMOTE_VALUES = frozenset({"-p", "--player", "-i", "--ignore-player", "-f", "--format",
                            "-h", "--host", "--port", "-P", "--password", "-d", "--device",
                            "-s", "--server"})
_SPT_PLAYBACK = frozenset({"--toggle", "--next", "--previous", "-t", "-n", "-p"})
# players' remote options that start, resume or skip (each player's --help)
_REMOTE_OPTIONS = {
    "audacious": ("--play", "--play-pause", "--fwd", "--rew", "-p", "-t", "-f", "-r"),
    "clementine": ("--play", "--play-pause", "--next", "--previous", "--play-track",
                   "-p", "-t", "-f", "-r", "-k"),
    "rhythmbox-client": ("--play", "--play-pause", "--next", "--previous", "--play-uri"),
    "quodlibet": ("--play", "--play-pause", "--next", "--previous", "--play-file"),
    "deadbeef": ("--play", "--toggle-pause", "--next", "--prev", "--random"),
    "qmmp": ("--play", "--play-pause", "--next", "--previous"),
    "mocp": ("--play", "--toggle-pause", "--next", "--previous", "--unpause", "--playit",
             "-p", "-G", "-f", "-r", "-U", "-l"),
    "cmus-remote": ("--play", "--pause", "--next", "--prev", "-p", "-u", "-n", "-r"),
}
_REMOTE_OPTIONS["strawberry"] = _REMOTE_OPTIONS["clementine"]
# each player's one-letter remote options, which may come clustered (mocp -pG)
_REMOTE_LETTERS = {head: "".join(o[1] for o in options if len(o) == 2)
                   for head, options in _REMOTE_OPTIONS.items()}
_QUEUES_ONLY = frozenset({"-e", "--enqueue", "-a", "--append", "-l", "--load"})
_OPENS_FILES = frozenset({"audacious", "clementine", "strawberry"})

# the programs this act reads (the players are those of _SILENT); any other is answered at once
_PROGRAMS = frozenset({*_ALWAYS, *_SILENT, *_REMOTE_COMMANDS, *_REMOTE_OPTIONS, "pw-cat", "sox",
                       "festival", "gst-launch-1.0"})


def plays_sound(seg: Segment) -> bool:
    """Whether ``seg`` plays sound to an output (the ``play`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head not in _PROGRAMS:
        return False
    names = {a.partition("=")[0] for a in words if a.startswith("-")}
    if names & _NOT_PLAYING or (head in _SHORT_HELP and "-h" in words):
        return False
    silent = _SILENT.get(head, frozenset())
    if names & silent or any(a in silent for a in words):
        return False
    if head in _ALWAYS:
        return True
    if head in _REMOTE_COMMANDS:
        command = operands(argv, _REMOTE_VALUES)[:1]
        if head == "spt" and command == ["playback"]:
            return bool(names & _SPT_PLAYBACK)
        return bool(command) and command[0] in _REMOTE_COMMANDS[head]
    if head in _REMOTE_OPTIONS:
        if (names.intersection(_REMOTE_OPTIONS[head])
                or has_short_option(words, _REMOTE_LETTERS[head])):
            return True
        return (head in _OPENS_FILES and bool(operands(argv, frozenset()))
                and not names & _QUEUES_ONLY)
    if head == "pw-cat":
        return "--playback" in names or has_short_option(words, "p")
    if head == "sox":
        # the default device as the output: after the input file (sox in.wav -d)
        plain_before = False
        for a in words:
            if a in ("-d", "--default-device"):
                return plain_before
            plain_before = plain_before or not a.startswith("-")
        return False
    if head == "festival":
        return "--tts" in names
    if head == "gst-launch-1.0":
        return any(w.split(" ", 1)[0] in _GST_PLAYING for w in words)
    if head == "timidity":
        return not any(a[:2] == "-O" and a[2:3] in _TIMIDITY_FILE_MODES for a in words)
    if head == "fluidsynth":
        return any(a.lower().endswith(_MIDI) for a in words)
    if head == "mplayer" and "-ao" in words and "null" in words:
        return False
    if any(a.startswith("/dev/video") for a in words):
        return False  # a camera shown: video alone (``gate.captures``)
    # mpv, mplayer, vlc, cvlc, ffplay, streamlink: something to play ("-": standard input)
    return "-" in words or bool(operands(argv, frozenset()))
