package io.conduit.ingress.budget;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Reservations in Redis ({@code REDIS_URL}), shared by every ingress instance. Each operation is
 * one Lua script, so checking every limit and reserving under all of them is atomic. Per limit
 * there are three keys: a hash of reservation id → micros, a sorted set of reservation id by
 * expiry (expired ones are dropped before counting), and the spend posted by ingress. All keys
 * share one hash tag, so the scripts also run on a Redis Cluster (on one slot).
 */
public final class RedisReservations implements ReservationStore {

    private static final String PREFIX = "conduit:{budget}:";

    /** KEYS: per limit (held, expiry, posted); ARGV: now, expires, id, micros, keep ms, then per limit (cap, ledger spent). */
    private static final String RESERVE = """
            local now, expires, id, micros, n = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]), #KEYS / 3
            for i = 1, n do
              local held, expiry, posted = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
              local gone = redis.call('ZRANGEBYSCORE', expiry, '-inf', now)
              if #gone > 0 then
                redis.call('ZREMRANGEBYSCORE', expiry, '-inf', now)
                redis.call('HDEL', held, unpack(gone))
              end
              local reserved = 0
              for _, v in ipairs(redis.call('HVALS', held)) do reserved = reserved + tonumber(v) end
              local used = math.max(tonumber(redis.call('GET', posted) or '0'), tonumber(ARGV[5 + 2 * i]))
              if used + reserved + micros > tonumber(ARGV[4 + 2 * i]) then return i - 1 end
            end
            for i = 1, n do
              redis.call('HSET', KEYS[3 * i - 2], id, micros)
              redis.call('ZADD', KEYS[3 * i - 1], expires, id)
              redis.call('PEXPIRE', KEYS[3 * i - 2], ARGV[5])
              redis.call('PEXPIRE', KEYS[3 * i - 1], ARGV[5])
            end
            return -1
            """;

    /** KEYS: per limit (held, expiry, posted); ARGV: id, actual micros, keep ms. */
    private static final String SETTLE = """
            for i = 1, #KEYS / 3 do
              redis.call('HDEL', KEYS[3 * i - 2], ARGV[1])
              redis.call('ZREM', KEYS[3 * i - 1], ARGV[1])
              redis.call('INCRBY', KEYS[3 * i], ARGV[2])
              redis.call('PEXPIRE', KEYS[3 * i], ARGV[3])
            end
            return 0
            """;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final Clock clock;

    public RedisReservations(String redisUrl, Clock clock) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect();
        this.redis = connection.async();
        this.clock = clock;
    }

    @Override
    public Mono<Integer> reserve(String reservationId, List<Limit> limits, long micros, Duration hold) {
        long now = clock.millis();
        List<String> args = new ArrayList<>(List.of(Long.toString(now), Long.toString(now + hold.toMillis()),
                reservationId, Long.toString(micros), Long.toString(keepMillis(limits, hold))));
        for (Limit limit : limits) {
            args.add(Long.toString(limit.capMicros()));
            args.add(Long.toString(limit.ledgerSpentMicros()));
        }
        return Mono.fromCompletionStage(redis.<Long>eval(RESERVE, ScriptOutputType.INTEGER, keys(limits),
                        args.toArray(String[]::new)))
                .map(Long::intValue);
    }

    @Override
    public Mono<Void> settle(String reservationId, List<Limit> limits, long actualMicros) {
        return Mono.fromCompletionStage(redis.<Long>eval(SETTLE, ScriptOutputType.INTEGER, keys(limits), reservationId,
                        Long.toString(actualMicros), Long.toString(keepMillis(limits, Duration.ZERO))))
                .then();
    }

    private static String[] keys(List<Limit> limits) {
        String[] keys = new String[limits.size() * 3];
        for (int i = 0; i < limits.size(); i++) {
            String base = PREFIX + limits.get(i).id();
            keys[3 * i] = base + ":held";
            keys[3 * i + 1] = base + ":expiry";
            keys[3 * i + 2] = base + ":posted";
        }
        return keys;
    }

    private static long keepMillis(List<Limit> limits, Duration atLeast) {
        long keep = atLeast.toMillis();
        for (Limit limit : limits) {
            keep = Math.max(keep, limit.keep().toMillis());
        }
        return Math.max(keep, 1);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
