package io.conduit.admin.web;

import io.conduit.contracts.error.ErrorEnvelope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits {@code /api/**} calls presenting the master key in {@code X-API-Key} or
 * {@code Authorization: Bearer}, compared in constant time. The OpenAPI document and its page are public.
 */
public class MasterKeyFilter extends OncePerRequestFilter {

    private final byte[] masterKey;

    public MasterKeyFilter(String masterKey) {
        this.masterKey = masterKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader("X-API-Key");
        String authorization = request.getHeader("Authorization");
        if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).strip();
        }
        if (presented != null && MessageDigest.isEqual(masterKey, presented.getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(401);
        response.setContentType("application/json");
        response.getOutputStream().write(ErrorEnvelope.json(presented == null
                        ? "Provide the master key in the X-API-Key header or as Authorization: Bearer."
                        : "The master key is not valid.",
                "invalid_request_error", null, presented == null ? "missing_api_key" : "invalid_api_key"));
    }
}
