package io.conduit.ingress.jobs;

import reactor.netty.http.server.HttpServerRoutes;

/** The job API's routes: videos, images, audio and the generic job endpoints. */
public final class JobRoutes {

    private final VideosHandler videos;
    private final MediaHandler media;
    private final JobsHandler jobs;

    /** @param upstream and {@code usage}: speech is streamed from the provider directly, with a usage event per call */
    public JobRoutes(JobsApi api, io.conduit.ingress.proxy.UpstreamClient upstream, io.conduit.ingress.usage.UsageSink usage) {
        this.videos = new VideosHandler(api);
        this.media = new MediaHandler(api, new SpeechStream(api, upstream, usage, api.clock));
        this.jobs = new JobsHandler(api);
    }

    /** Registers the routes under a prefix ({@code /v1}, or none). */
    public void register(HttpServerRoutes routes, String prefix) {
        routes.post(prefix + "/videos", videos::create)
                .get(prefix + "/videos", videos::list)
                .get(prefix + "/videos/{id}", videos::get)
                .get(prefix + "/videos/{id}/content", videos::content)
                .delete(prefix + "/videos/{id}", videos::delete)
                .post(prefix + "/images/generations", media::imageGenerations)
                .post(prefix + "/images/edits", media::imageEdits)
                .post(prefix + "/audio/speech", media::speech)
                .post(prefix + "/audio/transcriptions", media::transcriptions)
                .post(prefix + "/audio/translations", media::translations)
                .get(prefix + "/jobs/{id}", jobs::get)
                .get(prefix + "/jobs/{id}/events", jobs::events)
                .post(prefix + "/jobs/{id}/cancel", jobs::cancel)
                .get(prefix + "/jobs/{id}/content", jobs::content);
    }
}
