package io.conduit.contracts.jobs;

/**
 * One stored result of a job.
 *
 * @param name which result, e.g. {@code video}, {@code thumbnail}, {@code image_0}, {@code audio}, {@code transcript}
 * @param objectKey its key in the object store
 * @param contentType e.g. {@code video/mp4}
 * @param bytes its size
 */
public record JobOutput(String name, String objectKey, String contentType, long bytes) {}
