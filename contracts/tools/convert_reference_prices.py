#!/usr/bin/env python3
"""Converts the reference price table into Conduit's bundled price catalog.

    python3 contracts/tools/convert_reference_prices.py \
        /work/shared/reference/model-prices.json contracts/src/main/resources/prices/catalog.json

The reference (shared/reference/model-prices.json) is LiteLLM's public model price table (MIT
licence), snapshot of 2026-07: USD per token / image / second. The catalog is Conduit's own format
(contracts io.conduit.contracts.pricing.PriceCatalogSnapshot): USD per million tokens, per image
by size and quality, per second of video by resolution, per minute of audio, per 1,000 characters
of speech; every entry effective from EFFECTIVE_FROM for any provider ("*").

Exact decimals: each float is read through its shortest repr and rounded to 12 significant digits,
which removes binary artefacts (0.0002833333333333333 s⁻¹ × 60 = 0.017 per minute).
"""
import json
import sys
from decimal import Decimal, ROUND_HALF_UP, Context

EFFECTIVE_FROM = "2026-07-01T00:00:00Z"
VERSION = "2026-07-01.0"
SOURCE = ("Converted by contracts/tools/convert_reference_prices.py from shared/reference/model-prices.json, "
          "LiteLLM's public model price table (MIT licence), snapshot of 2026-07, effective from 2026-07-01 for any "
          "provider. Token prices are USD per million tokens; media: USD per image (size/quality), per second of video "
          "(resolution), per minute of audio, per 1,000 speech characters. Not converted (no unit in usage events): "
          "batch/flex/priority tiers, 1-hour cache writes, regional uplifts, search queries, per-second speech output, "
          "input images/audio/video of chat and embedding models (their usage is reported as tokens).")
CTX = Context(prec=12, rounding=ROUND_HALF_UP)


def dec(value, scale=1):
    if value is None:
        return None
    d = CTX.plus(Decimal(repr(value)) * scale)
    text = format(d.normalize(), "f")
    return text


def per_mtok(value):
    return dec(value, 1_000_000)


def tokens(v, mode):
    output = v.get("output_cost_per_token")
    if mode == "image_generation" and "output_cost_per_image_token" in v and "output_cost_per_image" not in v:
        output = v["output_cost_per_image_token"]  # billed by image tokens only: its output tokens are image tokens
    if mode == "audio_speech" and "output_cost_per_audio_token" in v:
        output = v["output_cost_per_audio_token"]  # speech output tokens are audio tokens
    rates = {
        "input_per_mtok": per_mtok(v.get("input_cost_per_token")),
        "output_per_mtok": per_mtok(output),
        "cache_read_per_mtok": per_mtok(v.get("cache_read_input_token_cost")),
        "cache_write_per_mtok": per_mtok(v.get("cache_creation_input_token_cost")),
    }
    rates = {k: x for k, x in rates.items() if x is not None}
    return rates or None


def long_context(v):
    for above in (200_000, 272_000):
        suffix = "_above_%dk_tokens" % (above // 1000)
        rates = {
            "input_per_mtok": per_mtok(v.get("input_cost_per_token" + suffix)),
            "output_per_mtok": per_mtok(v.get("output_cost_per_token" + suffix)),
            "cache_read_per_mtok": per_mtok(v.get("cache_read_input_token_cost" + suffix)),
            "cache_write_per_mtok": per_mtok(v.get("cache_creation_input_token_cost" + suffix)),
        }
        rates = {k: x for k, x in rates.items() if x is not None}
        if rates:
            return {"above_tokens": above, **rates}
    return None


def media(v, mode):
    m = {}
    if mode == "image_generation" and "output_cost_per_image" in v:
        m["images"] = [{"size": "*", "quality": "*", "per_image": dec(v["output_cost_per_image"])}]
    if mode == "video_generation" and "output_cost_per_second" in v:
        m["video"] = [{"resolution": "*", "per_second": dec(v["output_cost_per_second"])}]
    if mode == "audio_transcription" and "input_cost_per_second" in v:
        m["audio_per_minute"] = dec(v["input_cost_per_second"], 60)
    if mode == "audio_speech" and "input_cost_per_character" in v:
        m["speech_per_1k_chars"] = dec(v["input_cost_per_character"], 1000)
    return m or None


def convert(reference):
    prices = []
    for model in sorted(reference):
        v = reference[model]
        if not isinstance(v, dict) or "mode" not in v:
            continue
        mode = v["mode"]
        entry = {"model": model, "provider": "*", "effective_from": EFFECTIVE_FROM, "mode": mode}
        t = tokens(v, mode)
        if t:
            entry["tokens"] = t
        lc = long_context(v)
        if lc:
            entry["long_context"] = lc
        m = media(v, mode)
        if m:
            entry["media"] = m
        if not (t or lc or m):
            print("skipped (nothing priceable): " + model, file=sys.stderr)
            continue
        for limit in ("max_input_tokens", "max_output_tokens"):
            if isinstance(v.get(limit), int):
                entry[limit] = v[limit]
        entry["source"] = "reference 2026-07 (" + v.get("litellm_provider", "?") + ")"
        prices.append(entry)
    return {"revision": 0, "version": VERSION, "published_at": EFFECTIVE_FROM, "currency": "USD",
            "source": SOURCE, "prices": prices, "markups": []}


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        catalog = convert(json.load(f))
    with open(sys.argv[2], "w") as f:
        json.dump(catalog, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("%d prices written to %s" % (len(catalog["prices"]), sys.argv[2]))
