package uk.safeguarding.hub.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /audit/public-keys} (open: anyone may check a checkpoint), {@code GET /audit/export}
 * (auditors) and {@code POST /audit/checkpoints} (auditors and hub administrators: seal the head now).
 */
@RestController
class AuditEndpoints {

    static final String EXPORT = "/audit/export";
    static final String CHECKPOINTS = "/audit/checkpoints";
    private static final MediaType JSON_LINES = MediaType.parseMediaType("application/jsonl");

    private final AuditExport export;
    private final AuditCheckpoints checkpoints;
    private final AuditTrail trail;
    private final AuditLog log;
    private final TransactionTemplate write;
    private final TransactionTemplate snapshot;

    AuditEndpoints(AuditExport export, AuditCheckpoints checkpoints, AuditTrail trail, AuditLog log,
            PlatformTransactionManager transactions) {
        this.export = export;
        this.checkpoints = checkpoints;
        this.trail = trail;
        this.log = log;
        this.write = new TransactionTemplate(transactions);
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    @GetMapping(path = "/audit/public-keys", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> publicKeys() {
        List<Map<String, Object>> keys = snapshot.execute(status -> export.publicKeys().stream()
                .<Map<String, Object>>map(k -> Map.of("keyId", k.keyId(), "algorithm", k.algorithm(),
                        "publicKey", k.publicKey(),
                        "publicKeyPem", CheckpointSigning.pem(CheckpointSigning.publicKey(k.algorithm(), k.publicKey())),
                        "firstUsedAt", k.firstUsedAt().toString(), "current", k.keyId().equals(checkpoints.keyId()),
                        "pinned", checkpoints.pinned(k.keyId())))
                .toList());
        // the table is written by whoever can write to the database: only pinned and current keys are trusted
        return Map.of("keys", keys, "trustedKeyIds", checkpoints.trustedKeyIds().stream().sorted().toList());
    }

    @GetMapping(EXPORT)
    void export(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(defaultValue = "jsonl") String format,
            Authentication authentication, HttpServletResponse response) throws IOException {
        AuditTrail.Auditor auditor = auditor(authentication);
        if (!auditor.roles().contains(AuditTrail.AUDITOR_ROLE)) {
            trail.refused(auditor, "auditExport", "Your roles " + auditor.roles() + " may not export the audit log.");
            response.sendError(HttpStatus.FORBIDDEN.value());
            return;
        }
        boolean csv = "csv".equals(format);
        if (!csv && !"jsonl".equals(format)) {
            response.sendError(HttpStatus.BAD_REQUEST.value(), "format: jsonl (to verify) or csv (for reports)");
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("format", format);
        detail.put("from", from == null ? null : from.toInstant().toString());
        detail.put("to", to == null ? null : to.toInstant().toString());
        write.executeWithoutResult(status -> log.append(new AuditLog.Entry(auditor.userId(), auditor.agency(),
                auditor.roles(), null, "auditExport", List.of(), detail)));
        if (!csv && to == null) {
            // sealed up to this export's own entry, so that a verifier pinning the key can prove the whole of it
            checkpoints.checkpoint();
        }
        response.setContentType(csv ? "text/csv" : JSON_LINES.toString());
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-export." + (csv ? "csv" : "jsonl") + "\"");
        snapshot.executeWithoutResult(status -> {
            try {
                if (csv) {
                    export.writeCsv(from == null ? null : from.toInstant(), to == null ? null : to.toInstant(),
                            response.getOutputStream());
                    return;
                }
                export.write(from == null ? null : from.toInstant(), to == null ? null : to.toInstant(),
                        response.getOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @PostMapping(path = CHECKPOINTS, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> checkpoint(Authentication authentication) {
        AuditTrail.Auditor caller = auditor(authentication);
        if (!caller.roles().contains(AuditTrail.AUDITOR_ROLE) && !caller.roles().contains("hub-admin")) {
            trail.refused(caller, "auditCheckpoint", "Your roles " + caller.roles() + " may not seal the audit log.");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        AuditCheckpoints.Outcome outcome = checkpoints.checkpoint();
        if (outcome.brokenAt() != null) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("written", false,
                    "firstBadSequence", outcome.brokenAt(), "problem", outcome.problem()));
        }
        if (outcome.written() == null) {
            return ResponseEntity.ok(Map.of("written", false, "reason", "no entries since the last checkpoint"));
        }
        var c = outcome.written();
        return ResponseEntity.ok(Map.of("written", true, "sequence", c.sequence(), "entryHash", c.entryHash(),
                "signedAt", c.signedAt(), "keyId", c.keyId(), "signature", c.signature()));
    }

    /** From the token's claims; roles are the realm roles the security module turned into authorities. */
    private static AuditTrail.Auditor auditor(Authentication authentication) {
        Set<String> roles = new LinkedHashSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                roles.add(name.substring("ROLE_".length()));
            }
        }
        String agency = authentication.getPrincipal() instanceof Jwt jwt ? jwt.getClaimAsString("agency") : null;
        return new AuditTrail.Auditor(authentication.getName(), agency, roles);
    }
}
