package io.conduit.contracts.usage;

/**
 * What a media call produced, the units media prices are quoted in. Fields that do not apply are
 * 0 or null.
 *
 * @param images images generated or edited
 * @param imageSize size of the images, e.g. {@code 1024x1024}
 * @param imageQuality quality tier of the images, e.g. {@code standard}, {@code hd}, {@code low}, {@code high}
 * @param videoSeconds seconds of video generated
 * @param videoResolution resolution of the video, e.g. {@code 1280x720}
 * @param audioMillis milliseconds of audio transcribed or translated
 * @param speechCharacters characters of text turned into speech
 */
public record MediaUsage(int images, String imageSize, String imageQuality, long videoSeconds, String videoResolution,
        long audioMillis, long speechCharacters) {}
